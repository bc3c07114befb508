package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.Stage;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.FileSink;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordPaths;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected at the output sink: a full disk stops the run; one image's OOM or write error does not. */
class FaultInjectionTest {
  private static final int FILES = 40;

  @TempDir static Path tree;
  @TempDir Path out;

  @BeforeAll
  static void buildTree() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(64, 48, 3), "png", tree.resolve("seed.png"));
    for (int i = 0; i < FILES; i++) {
      Files.createDirectories(tree.resolve("in"));
      Files.copy(seed, tree.resolve("in/" + String.format("%03d", i) + ".png"));
    }
  }

  private record Outcome(RunControl control, CollectorSnapshot counts, List<JobResult> results) {}

  private Outcome run(FileSink sink) throws Exception {
    RunConfig config = new RunConfig(tree.resolve("in"), out, 2, 80,
        new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false), false);
    ConcurrentCollector collector = new ConcurrentCollector(Arrays.stream(Stage.values()).map(Enum::name).toList());
    ConcurrentLinkedQueue<JobResult> results = new ConcurrentLinkedQueue<>();
    RunControl control = new RunControl();
    try (MigrationRecord record = MigrationRecord.open(RecordPaths.of(out, n -> n, "failures.jsonl"),
        config.encodingKey())) {
      new BatchRunner(config, control, collector, sink, record, results::add, (p, why) -> { }).run();
    }
    return new Outcome(control, collector.snapshot(), List.copyOf(results));
  }

  private List<Path> files(String suffix) throws Exception {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void fullDisk_stopsTheRunEarly_andKeepsCompletedOutputs() throws Exception {
    AtomicFileWriter real = new AtomicFileWriter();
    AtomicInteger writes = new AtomicInteger();
    FileSink fillsUp = (target, content) -> {
      if (writes.incrementAndGet() > 5) {
        throw new FileSystemException(target.toString(), null, "No space left on device");
      }
      real.write(target, content);
    };

    Outcome o = run(fillsUp);

    assertThat(o.control().reason()).isEqualTo(StopReason.DISK_FULL);
    assertThat(o.counts().converted()).isEqualTo(5);
    assertThat(o.counts().failed()).isBetween(1L, 3L); // only the images already in flight fail
    assertThat(o.counts().converted() + o.counts().failed()).isLessThan(FILES);
    assertThat(o.counts().errorsByType()).containsOnlyKeys(ErrorType.IO_ERROR.name());
    assertThat(files(".webp")).hasSize(5);
  }

  /**
   * An image that runs out of heap next to others (fragmented regions, memory the estimate does not see)
   * gets a second attempt with the heap budget to itself, and converts; its result says so.
   */
  @Test
  void outOfMemoryOnTheFirstAttempt_convertsAloneOnTheSecond() throws Exception {
    AtomicFileWriter real = new AtomicFileWriter();
    AtomicInteger attempts = new AtomicInteger();
    FileSink oomOnce = (target, content) -> {
      if (target.getFileName().toString().equals("007.webp") && attempts.incrementAndGet() == 1) {
        throw new OutOfMemoryError("Java heap space (injected)");
      }
      real.write(target, content);
    };

    Outcome o = run(oomOnce);

    assertThat(attempts.get()).isEqualTo(2);
    assertThat(o.counts().converted()).isEqualTo(FILES);
    assertThat(o.counts().failed()).isZero();
    assertThat(o.results()).filteredOn(r -> r.job().relative().equals("007.png")).singleElement()
        .satisfies(r -> assertThat(r.warnings()).containsExactly(Worker.RETRIED_ALONE));
    assertThat(files(".webp")).hasSize(FILES);
  }

  /** Out of heap even alone: that image fails with OUT_OF_MEMORY, the others convert. */
  @Test
  void outOfMemoryInOneImage_failsThatImage_andTheRunGoesOn() throws Exception {
    AtomicFileWriter real = new AtomicFileWriter();
    FileSink oomOnce = (target, content) -> {
      if (target.getFileName().toString().equals("007.webp")) {
        throw new OutOfMemoryError("Java heap space (injected)");
      }
      real.write(target, content);
    };

    Outcome o = run(oomOnce);

    assertThat(o.counts().converted()).isEqualTo(FILES - 1);
    assertThat(o.counts().errorsByType()).containsExactly(java.util.Map.entry("OUT_OF_MEMORY", 1L));
    assertThat(o.results()).filteredOn(r -> !r.ok()).singleElement()
        .satisfies(r -> assertThat(r.job().relative()).isEqualTo("007.png"));
    assertThat(o.control().reason()).isNull();
  }

  @Test
  void writeErrorOnOneFile_isIoError_andLeavesNoTempFile() throws Exception {
    AtomicFileWriter real = new AtomicFileWriter();
    FileSink failsOnce = (target, content) -> {
      if (target.getFileName().toString().equals("011.webp")) {
        throw new FileSystemException(target.toString(), null, "Input/output error");
      }
      real.write(target, content);
    };

    Outcome o = run(failsOnce);

    assertThat(o.counts().errorsByType()).containsExactly(java.util.Map.entry("IO_ERROR", 1L));
    assertThat(o.control().reason()).isNull();
    assertThat(files(".webp")).hasSize(FILES - 1);
    assertThat(files("")).noneMatch(p -> AtomicFileWriter.isTemp(p.getFileName().toString()));
  }
}
