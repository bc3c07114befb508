package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.TreeCount;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.Stage;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many files, many workers: every file is accounted for exactly once, whatever the thread count. */
class BatchRunnerTest {
  private static final int GOOD = 150;
  private static final int BAD = 30;

  @TempDir static Path tree;

  @BeforeAll
  static void buildTree() throws Exception {
    Random r = new Random(42);
    Path good = TestImages.write(TestImages.photoLike(40, 30, 1), "jpeg", tree.resolve("seed.jpg"));
    byte[] jpeg = Files.readAllBytes(good);
    Files.delete(good);
    for (int i = 0; i < GOOD; i++) {
      Path p = tree.resolve("in/d" + r.nextInt(7) + "/img" + i + (i % 2 == 0 ? ".jpg" : ".JPEG"));
      Files.createDirectories(p.getParent());
      Files.write(p, jpeg);
    }
    for (int i = 0; i < BAD; i++) {
      Path p = tree.resolve("in/bad/b" + i + ".png");
      Files.createDirectories(p.getParent());
      byte[] junk = new byte[r.nextInt(200)];
      r.nextBytes(junk);
      Files.write(p, junk);
    }
  }

  @ParameterizedTest(name = "{0} workers")
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void run_accountsForEveryFileExactlyOnce(int workers) throws Exception {
    Path out = tree.resolve("out-" + workers);
    RunConfig config = new RunConfig(tree.resolve("in"), out, workers, 75,
        new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false), false);
    ConcurrentCollector counters = new ConcurrentCollector(Arrays.stream(Stage.values()).map(Enum::name).toList());
    ConcurrentLinkedQueue<JobResult> results = new ConcurrentLinkedQueue<>();

    try (MigrationRecord record = MigrationRecord.open(RecordPaths.of(out, n -> n, "failures.jsonl"),
        config.encodingKey())) {
      new BatchRunner(config, new RunControl(), counters, new AtomicFileWriter(), record, results::add,
          (p, why) -> { }).run();
    }

    CollectorSnapshot s = counters.snapshot();
    assertThat(s.found()).isEqualTo(GOOD + BAD);
    assertThat(s.converted()).isEqualTo(GOOD);
    assertThat(s.failed()).isEqualTo(BAD);
    assertThat(s.converted() + s.failed()).isEqualTo(s.found());
    assertThat(results).hasSize(GOOD + BAD);
    assertThat(results.stream().map(rr -> rr.job().relative()).distinct().count()).isEqualTo(GOOD + BAD);
    List<Path> webps;
    try (Stream<Path> files = Files.walk(out)) {
      webps = files.filter(p -> p.toString().endsWith(".webp")).toList();
    }
    assertThat(webps).hasSize(GOOD);
    long bytesOnDisk = 0;
    for (Path p : webps) {
      bytesOnDisk += Files.size(p);
    }
    assertThat(s.outputBytes()).isEqualTo(bytesOnDisk);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("optimizr-worker"));
  }

  /** One run of the tree into {@code out}, its progress total counted as a real run counts it. */
  private static TreeCount runCounted(Path out) throws Exception {
    RunConfig config = new RunConfig(tree.resolve("in"), out, 1, 75,
        new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false), false);
    ConcurrentCollector counters = new ConcurrentCollector(Arrays.stream(Stage.values()).map(Enum::name).toList());
    try (MigrationRecord record = MigrationRecord.open(RecordPaths.of(out, n -> n, "failures.jsonl"),
        config.encodingKey())) {
      TreeCounter counter = TreeCounter.deferred(config, record, Trees.factory(config, null));
      BatchRunner runner = new BatchRunner(config, new RunControl(), counters, new AtomicFileWriter(), record,
          r -> { }, (p, why) -> { });
      runner.onQueueFull(counter::begin);
      counter.follow(runner::walked, runner::walkedToTheEnd);
      runner.run();
      counter.close();
      return counter.count();
    }
  }

  @Test
  void progressTotal_isEveryFile_whetherTheWalkWaitedForTheWorkersOrNot() throws Exception {
    Path out = tree.resolve("out-counted");

    // First run: one worker, the queue fills at once and the counting walk runs beside the converting one.
    assertThat(runCounted(out)).isEqualTo(new TreeCount(GOOD + BAD, true));
    // Unchanged re-run: only the failed files are queued again; the total is still every file.
    assertThat(runCounted(out)).isEqualTo(new TreeCount(GOOD + BAD, true));
  }
}
