package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -alongside}: real runs that write {@code c.jpg.webp} beside each source in the input tree, with the
 * run's own files in {@code IN/.optimizr/}.
 */
class AlongsideTest {
  /** Relative path in the tree → the test resource it is a copy of. */
  private static final Map<String, String> SOURCES = Map.of(
      "c.jpg", "synthetic/plasma-640x480.jpg",
      "c.png", "synthetic/palette-trns.png",
      "a/b/photo.JPG", "synthetic/UPPERCASE-EXTENSION.JPG",
      "a/gray.png", "synthetic/gray-alpha-8bit.png");

  @TempDir Path tmp;
  private Path in;
  private StringWriter stdout;
  private StringWriter stderr;

  @BeforeEach
  void tree() throws Exception {
    in = tmp.resolve("www");
    for (Map.Entry<String, String> e : SOURCES.entrySet()) {
      Path dst = in.resolve(e.getKey());
      Files.createDirectories(dst.getParent());
      Files.copy(TestImages.edge(e.getValue()), dst);
    }
    Files.writeString(in.resolve("index.html"), "<img src=\"c.jpg\">\n");
    Files.writeString(in.resolve(".htaccess"), "Options -Indexes\n");
  }

  private int run(String... args) {
    stdout = new StringWriter();
    stderr = new StringWriter();
    return new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(args);
  }

  private int alongside(String... extra) {
    return run(Stream.concat(Stream.of("-alongside", "-input", in.toString(), "-quiet"), Stream.of(extra))
        .toArray(String[]::new));
  }

  /** Every regular file under the tree, relative path → SHA-256. */
  private Map<String, String> files() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(in)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        files.put(in.relativize(p).toString().replace('\\', '/'), HexFormat.of().formatHex(digest));
      }
    }
    return files;
  }

  private JsonNode summary(String name) throws Exception {
    return new ObjectMapper().readTree(in.resolve(".optimizr").resolve(name).toFile());
  }

  @Test
  void outputsAppearBesideTheirSources_whichStayByteIdentical_andNothingElseIsAddedToTheWebRoot() throws Exception {
    Map<String, String> before = files();

    assertThat(alongside()).as("%s", stderr).isZero();

    Map<String, String> after = files();
    for (String source : SOURCES.keySet()) {
      assertThat(after).containsKey(source + ".webp");
      TestImages.decodeWebP(in.resolve(source + ".webp")); // a complete WebP
    }
    assertThat(after).containsAllEntriesOf(before); // every source, untouched
    assertThat(after.keySet()).filteredOn(f -> !before.containsKey(f))
        .allMatch(f -> f.endsWith(".webp") || f.startsWith(".optimizr/"))
        .filteredOn(f -> f.startsWith(".optimizr/"))
        .containsExactlyInAnyOrder(".optimizr/.optimizr.lock", ".optimizr/record.db", ".optimizr/summary.json",
            ".optimizr/failures.jsonl", ".optimizr/report.html");
    assertThat(summary("summary.json").get("processed_files").asInt()).isEqualTo(4);
    assertThat(stdout.toString()).contains("Summary: " + in.resolve(".optimizr/summary.json"));
  }

  @Test
  void rerun_skipsEverything_andTheOutputsNeverBecomeInputs() throws Exception {
    assertThat(alongside()).isZero();
    Map<String, String> first = files();

    assertThat(alongside()).isZero();
    JsonNode s = summary("summary.json");
    assertThat(s.get("total_files").asInt()).isEqualTo(4);
    assertThat(s.get("skipped_files").asInt()).isEqualTo(4);
    assertThat(s.get("processed_files").asInt()).isZero();

    assertThat(alongside("-force")).isZero();
    assertThat(summary("summary.json").get("processed_files").asInt()).isEqualTo(4);
    Map<String, String> third = files();
    assertThat(third.keySet()).isEqualTo(first.keySet()); // no c.jpg.webp.webp, no new files at all
    assertThat(third.keySet()).noneMatch(f -> f.endsWith(".webp.webp"));
  }

  @Test
  void theOptimizrDirectory_isNeverScanned() throws Exception {
    Files.createDirectories(in.resolve(".optimizr"));
    Files.copy(TestImages.edge("synthetic/plasma-640x480.jpg"), in.resolve(".optimizr/stray.jpg"));

    assertThat(alongside()).isZero();

    assertThat(summary("summary.json").get("total_files").asInt()).isEqualTo(4);
    assertThat(in.resolve(".optimizr/stray.jpg.webp")).doesNotExist();
  }

  @Test
  void withOutput_isAUsageError_andWritesNothing() throws Exception {
    Map<String, String> before = files();
    Path out = tmp.resolve("out");

    assertThat(run("-alongside", "-input", in.toString(), "-output", out.toString())).isEqualTo(2);

    assertThat(stderr.toString()).isEqualTo("optimizr: -alongside writes beside the sources in -input and takes "
        + "no -output (see --help)" + System.lineSeparator());
    assertThat(files()).isEqualTo(before);
    assertThat(in.resolve(".optimizr")).doesNotExist();
    assertThat(out).doesNotExist();
  }

  @Test
  void dryRun_writesNothing_andSaysWhatARunWouldDo() throws Exception {
    Map<String, String> before = files();

    assertThat(alongside("-dry-run")).isZero();
    assertThat(stdout.toString()).contains("CONVERT c.jpg", "CONVERT a/b/photo.JPG", "4 would be converted");
    assertThat(files()).isEqualTo(before);
    assertThat(in.resolve(".optimizr")).doesNotExist();

    assertThat(alongside()).isZero();
    assertThat(alongside("-dry-run")).isZero();
    assertThat(stdout.toString()).contains("SKIP c.png", "0 would be converted, 4 skipped");
  }

  @Test
  void staleTemps_ofOutputsAndReportsAreDeleted_andNothingElseInTheSourceTree() throws Exception {
    Files.createDirectories(in.resolve(".optimizr"));
    List<Path> stale = List.of(in.resolve("a/.gray.png.webp.optimizr-tmp-99999-abc"),
        in.resolve(".c.jpg.webp.optimizr-tmp-99999-def"), in.resolve(".optimizr/.summary.json.optimizr-tmp-99999-1"));
    // Names that are not a source's output: whatever made them, they are not optimizr's to delete here.
    List<Path> foreign = List.of(in.resolve("a/.notes.txt.optimizr-tmp-99999-abc"),
        in.resolve(".summary.json.optimizr-tmp-99999-2"), in.resolve("a/.gray.webp.optimizr-tmp-99999-abc"));
    for (Path p : Stream.concat(stale.stream(), foreign.stream()).toList()) {
      Files.writeString(p, "partial");
    }
    Map<String, String> before = files();

    assertThat(alongside()).isZero();

    assertThat(stale).allMatch(Files::notExists);
    assertThat(foreign).allMatch(Files::exists);
    assertThat(stderr.toString()).contains("removed 3 temp file(s) left by an interrupted run");
    Map<String, String> after = files();
    before.keySet().removeAll(stale.stream().map(p -> in.relativize(p).toString()).toList());
    assertThat(after).containsAllEntriesOf(before);
  }

  @Test
  void shards_convertTheTreeBetweenThem_withTheirFilesInTheOptimizrDirectory() throws Exception {
    assertThat(alongside("-shard", "0/2")).isZero();
    assertThat(alongside("-shard", "1/2")).isZero();

    assertThat(summary("summary-0-of-2.json").get("processed_files").asInt()
        + summary("summary-1-of-2.json").get("processed_files").asInt()).isEqualTo(4);
    assertThat(in.resolve(".optimizr/record-0-of-2.db")).isRegularFile();
    assertThat(in.resolve("summary-0-of-2.json")).doesNotExist();
    for (String source : SOURCES.keySet()) {
      assertThat(in.resolve(source + ".webp")).isRegularFile();
    }
  }

  @Test
  void retryFailed_convertsOnlyTheFailure_andStatusReadsTheTree() throws Exception {
    Files.copy(TestImages.edge("synthetic/text-file.png"), in.resolve("a/broken.png"));
    assertThat(alongside()).isEqualTo(1);
    assertThat(Files.readString(in.resolve(".optimizr/failures.jsonl"))).contains("a/broken.png");
    assertThat(in.resolve("a/broken.png.webp")).doesNotExist();

    Files.copy(TestImages.edge("synthetic/palette-trns.png"), in.resolve("a/broken.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(alongside("-retry-failed")).isZero();
    JsonNode s = summary("summary.json");
    assertThat(s.get("processed_files").asInt()).isEqualTo(1);
    assertThat(in.resolve("a/broken.png.webp")).isRegularFile();

    assertThat(run("status", "-alongside", "-input", in.toString(), "--json")).as("%s", stderr).isZero();
    JsonNode status = new ObjectMapper().readTree(stdout.toString());
    assertThat(status.get("converted_files").asInt()).isEqualTo(5);
    assertThat(status.get("pending_files").asInt()).isZero();
    assertThat(status.get("total_files").asInt()).isEqualTo(5);
  }

  @Test
  void status_alongside_takesInputAndNoOutput() {
    assertThat(run("status", "-alongside")).isEqualTo(2);
    assertThat(stderr.toString()).isEqualTo("optimizr: -alongside needs -input, the tree the outputs were written "
        + "into (see --help)" + System.lineSeparator());
    assertThat(run("status", "-alongside", "-input", in.toString(), "-output", tmp.toString())).isEqualTo(2);
    assertThat(stderr.toString()).isEqualTo("optimizr: -alongside reads the record in the -input tree and takes "
        + "no -output (see --help)" + System.lineSeparator());
  }
}
