package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.state.RunLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optimizr status} after real runs (interrupted, killed, complete, unchanged; sharded and not): its
 * numbers are the files on disk. And the lock: shards run together, never next to an unsharded run.
 */
class MigrationStatusTest {
  private static final int GOOD = 40;
  private static final int BAD = 3;

  @TempDir static Path tree;
  private static Path in;

  @BeforeAll
  static void buildTree() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(1200, 900, 5), "png", tree.resolve("seed.png"));
    in = tree.resolve("in");
    TestImages.copies(seed, in, GOOD, 4);
    for (int i = 0; i < BAD; i++) {
      Files.writeString(in.resolve(i + "/broken" + i + ".png"), "not an image " + i);
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result optimizr(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static JsonNode status(Path out, boolean withInput) throws Exception {
    Result r = withInput ? optimizr("status", "-output", out.toString(), "-input", in.toString(), "--json")
        : optimizr("status", "-output", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  /** converted_files, input and output bytes and failures equal what is on disk and in the input tree. */
  private static void assertStatusMatchesDisk(Path out, JsonNode s) throws Exception {
    List<Path> webps = ChildRun.files(out, ".webp");
    long outBytes = 0;
    for (Path p : webps) {
      outBytes += Files.size(p);
    }
    assertThat(s.get("converted_files").asLong()).isEqualTo(webps.size());
    assertThat(s.get("output_bytes").asLong()).isEqualTo(outBytes);
    assertThat(s.get("input_bytes").asLong()).isEqualTo(webps.size() * Files.size(in.resolve("0/img0.png")));
  }

  private static Process child(Path log, String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("-input", in.toString(), "-quiet", "-workers", "2"));
    a.addAll(List.of(args));
    return ChildRun.start(log, List.of(), a.toArray(String[]::new));
  }

  @Test
  void unshardedRuns_interruptedKilledCompleteUnchanged_statusEqualsDisk() throws Exception {
    Path out = tree.resolve("out-plain");
    Process first = child(tree.resolve("term.log"), "-output", out.toString());
    ChildRun.awaitOutputs(out, first, 4);
    ChildRun.signal(first, "TERM");
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(143);
    JsonNode s = status(out, true);
    assertStatusMatchesDisk(out, s);
    assertThat(s.get("total_files").asLong()).isEqualTo(GOOD + BAD);
    assertThat(s.get("pending_files").asLong())
        .isEqualTo(GOOD + BAD - s.get("converted_files").asLong() - s.get("failed_files").asLong());

    Process second = child(tree.resolve("kill.log"), "-output", out.toString());
    ChildRun.awaitOutputs(out, second, ChildRun.files(out, ".webp").size() + 4);
    second.destroyForcibly();
    assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(optimizr("-input", in.toString(), "-output", out.toString(), "-quiet").exit()).isEqualTo(1);
    assertThat(optimizr("-input", in.toString(), "-output", out.toString(), "-quiet").exit()).isEqualTo(1);

    s = status(out, true);
    assertStatusMatchesDisk(out, s);
    assertThat(s.get("converted_files").asLong()).isEqualTo(GOOD);
    assertThat(s.get("failed_files").asLong()).isEqualTo(BAD);
    assertThat(s.get("pending_files").asLong()).isZero();
    assertThat(s.get("failures_by_type").get("UNSUPPORTED_FORMAT").asLong()).isEqualTo(BAD);
    JsonNode runs = s.get("runs");
    assertThat(runs).hasSize(4);
    assertThat(runs.get(0).get("interrupted").asBoolean()).isTrue();
    assertThat(runs.get(0).get("finished").asBoolean()).isTrue();
    assertThat(runs.get(0).get("exit_code").asInt()).isEqualTo(143);
    assertThat(runs.get(1).get("finished").asBoolean()).as("killed").isFalse();
    assertThat(runs.get(2).get("exit_code").asInt()).isEqualTo(1);
    assertThat(runs.get(3).get("processed_files").asLong()).isZero();
    assertThat(runs.get(3).get("skipped_files").asLong()).isEqualTo(GOOD);
    // The killed run never completed its entry, so its count is unknown (0); the finished runs did the rest.
    assertThat(runs.get(1).get("processed_files").asLong()).isZero();
    assertThat(runs.get(0).get("processed_files").asLong() + runs.get(2).get("processed_files").asLong())
        .isBetween(1L, (long) GOOD);

    Result text = optimizr("status", "-output", out.toString());
    assertThat(text.out()).contains(String.format("Converted  %d files", GOOD),
        String.format("Failed     %d files outstanding: UNSUPPORTED_FORMAT %d", BAD, BAD), "did not finish",
        "interrupted");
  }

  @Test
  void shards_runTogether_statusCombinesThem_andPendingCountsTheShardNotYetRun() throws Exception {
    Path out = tree.resolve("out-sharded");
    assertThat(optimizr("-input", in.toString(), "-output", out.toString(), "-quiet", "-shard", "0/2").exit())
        .isIn(0, 1);
    long shard1 = 0;
    for (int i = 0; i < GOOD; i++) {
      shard1 += Shard.of((i % 4) + "/img" + i + ".webp", 2) == 1 ? 1 : 0;
    }
    for (int i = 0; i < BAD; i++) {
      shard1 += Shard.of(i + "/broken" + i + ".webp", 2) == 1 ? 1 : 0;
    }
    JsonNode s = status(out, true);
    assertStatusMatchesDisk(out, s);
    assertThat(s.get("pending_files").asLong()).isEqualTo(shard1);

    // Shard 0 is running (this JVM holds its locks): shard 1 may run beside it, an unsharded run may not.
    try (RunLock held = RunLock.acquire(out.toRealPath(), ".optimizr-0-of-2.lock", "shard 0/2")) {
      Path log = tree.resolve("plain-vs-shards.log");
      Process plain = child(log, "-output", out.toString());
      assertThat(plain.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(plain.exitValue()).isEqualTo(75);
      assertThat(Files.readString(log)).startsWith("optimizr: another optimizr run holds "
          + out.toRealPath().resolve(".optimizr.lock") + " (shard 0/2, pid " + ProcessHandle.current().pid());

      Path log1 = tree.resolve("shard1.log");
      Process other = child(log1, "-output", out.toString(), "-shard", "1/2");
      assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).as(Files.readString(log1)).isIn(0, 1);
    }
    try (RunLock held = RunLock.acquire(out.toRealPath(), null, null)) {
      Path log = tree.resolve("shard-vs-plain.log");
      Process shard = child(log, "-output", out.toString(), "-shard", "0/2");
      assertThat(shard.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(shard.exitValue()).isEqualTo(75);
    }

    s = status(out, true);
    assertStatusMatchesDisk(out, s);
    assertThat(s.get("converted_files").asLong()).isEqualTo(GOOD);
    assertThat(s.get("failed_files").asLong()).isEqualTo(BAD);
    assertThat(s.get("pending_files").asLong()).isZero();
    assertThat(s.get("records")).hasSize(2);
    assertThat(s.get("runs")).hasSize(2);
    assertThat(s.get("runs").get(0).get("shard").asText()).isEqualTo("0/2");
    assertThat(s.get("runs").get(1).get("shard").asText()).isEqualTo("1/2");
  }

  @Test
  void statusWithoutARecord_isAUsageError() {
    Result r = optimizr("status", "-output", tree.resolve("nothing-here").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("optimizr: no migration record in ").hasLineCount(1);
  }
}
