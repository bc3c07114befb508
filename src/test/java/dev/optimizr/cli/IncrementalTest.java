package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-runs from cron: skip what is up to date, redo what changed, retry failures, dry runs write nothing. */
class IncrementalTest {
  @TempDir Path tmp;
  private Path in;
  private Path out;
  private StringWriter stdout;
  private StringWriter stderr;

  @BeforeEach
  void tree() throws Exception {
    in = tmp.resolve("in");
    out = tmp.resolve("out");
    for (String f : List.of("synthetic/plasma-640x480.jpg", "synthetic/palette-trns.png", "pngsuite/basn2c08.png",
        "synthetic/text-file.png")) {
      Path dst = in.resolve(f);
      Files.createDirectories(dst.getParent());
      Files.copy(TestImages.edge(f), dst);
    }
  }

  private int run(String... extra) {
    stdout = new StringWriter();
    stderr = new StringWriter();
    String[] args = Stream.concat(Stream.of("-input", in.toString(), "-output", out.toString(), "-quiet"),
        Stream.of(extra)).toArray(String[]::new);
    return new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(args);
  }

  private JsonNode summary() throws Exception {
    return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  private void assertCounts(long processed, long skipped, long failed) throws Exception {
    JsonNode s = summary();
    assertThat(s.get("processed_files").asLong()).as("processed").isEqualTo(processed);
    assertThat(s.get("skipped_files").asLong()).as("skipped").isEqualTo(skipped);
    assertThat(s.get("failed_files").asLong()).as("failed").isEqualTo(failed);
    assertThat(processed + skipped + failed).isEqualTo(s.get("total_files").asLong());
  }

  @Test
  void unchangedRerun_skipsEverythingConverted_andLeavesOutputsUntouched() throws Exception {
    assertThat(run()).isEqualTo(1);
    assertCounts(3, 0, 1);
    Path webp = out.resolve("synthetic/plasma-640x480.webp");
    FileTime written = Files.getLastModifiedTime(webp);

    assertThat(run()).isEqualTo(1); // the text file still fails, as it should
    assertCounts(0, 3, 1);
    assertThat(Files.getLastModifiedTime(webp)).isEqualTo(written);
  }

  @Test
  void runThatConvertsNothing_saysSo_andGivesNoAdviceFromAnEmptyRun() throws Exception {
    Files.delete(in.resolve("synthetic/text-file.png"));
    assertThat(run()).isZero();
    assertThat(run()).isZero();
    JsonNode s = summary();
    assertThat(s.get("cpu_bound_analysis").asText()).isEqualTo("Nothing converted: 3 file(s) found, 3 already up "
        + "to date, 0 failed; no timing or memory advice is drawn from a run without conversions.");
    assertThat(s.get("recommendations")).isEmpty();
  }

  @Test
  void changedSource_deletedOutput_otherQuality_andForce_reconvert() throws Exception {
    run();
    Files.setLastModifiedTime(in.resolve("pngsuite/basn2c08.png"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Files.delete(out.resolve("synthetic/palette-trns.webp"));
    run();
    assertCounts(2, 1, 1);
    assertThat(out.resolve("synthetic/palette-trns.webp")).exists();

    run("-quality", "60");
    assertCounts(3, 0, 1);
    run("-quality", "60");
    assertCounts(0, 3, 1);
    run("-quality", "60", "-force");
    assertCounts(3, 0, 1);
  }

  @Test
  void retryFailed_triesOnlyTheListedFiles_andDropsTheFixedOnes() throws Exception {
    run();
    Files.copy(TestImages.edge("pngsuite/basn0g08.png"), in.resolve("synthetic/text-file.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the bad file has been replaced by a good one

    assertThat(run("-retry-failed")).isZero();

    JsonNode s = summary();
    assertThat(s.get("total_files").asLong()).isEqualTo(1);
    assertThat(s.get("processed_files").asLong()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("failures.jsonl"))).isEmpty();
  }

  @Test
  void retryFailed_withoutAPreviousList_isAUsageError() {
    assertThat(run("-retry-failed")).isEqualTo(2);
    assertThat(stderr.toString()).startsWith("optimizr: -retry-failed: no record of earlier runs at ");
  }

  @Test
  void dryRun_printsThePlan_andWritesNothing() throws Exception {
    assertThat(run("-dry-run")).isEqualTo(1);
    assertThat(out).doesNotExist();
    assertThat(stdout.toString()).contains("CONVERT synthetic/plasma-640x480.jpg",
        "REJECT synthetic/text-file.png: UNSUPPORTED_FORMAT: content is not a JPEG or PNG image",
        "Dry run: 3 would be converted, 0 skipped as up to date, 1 rejected; nothing was written.");

    run();
    List<String> before;
    try (Stream<Path> s = Files.walk(out)) {
      before = s.map(Path::toString).sorted().toList();
    }
    assertThat(run("-dry-run")).isEqualTo(1);
    assertThat(stdout.toString()).contains("SKIP synthetic/plasma-640x480.jpg", "3 skipped as up to date");
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.map(Path::toString).sorted().toList()).isEqualTo(before);
    }
  }

  @Test
  void tempFilesOfAKilledRun_areRemovedByTheNextRun() throws Exception {
    Path stale = out.resolve("synthetic/.plasma-640x480.webp.optimizr-tmp-1f2e3d");
    Files.createDirectories(stale.getParent());
    Files.write(stale, new byte[100]);
    Path staleRoot = out.resolve(".failures.jsonl.optimizr-tmp-999999");
    Files.write(staleRoot, new byte[10]);

    run();

    assertThat(stale).doesNotExist();
    assertThat(staleRoot).doesNotExist();
    assertThat(stderr.toString()).contains("optimizr: removed 2 temp file(s) left by an interrupted run");
  }
}
