package dev.optimizr.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dumps when the heap stays high after full collections, once per cooldown, keeping the newest N. */
class HeapDumpCaptureTest {
  @TempDir Path dir;

  private static final long MAX = Runtime.getRuntime().maxMemory();

  private List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void highHeapAfterTwoFullGcs_writesOneLiveDump_thenCoolsDown() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    HeapDumpCapture capture = new HeapDumpCapture(
        new HeapDumpCapture.Settings(dir, 85, Duration.ofMinutes(5), 3), clock);
    long high = (long) (MAX * 0.9);
    capture.afterGc("end of minor GC", high); // young GCs leave garbage in the old generation: ignored
    capture.afterGc("end of major GC", high); // once could be a transient
    assertThat(capture.captured()).isZero();
    capture.afterGc("end of major GC", (long) (MAX * 0.5)); // back down: the streak restarts
    capture.afterGc("end of major GC", high);
    capture.afterGc("end of major GC", high); // stays high: dump
    capture.afterGc("end of major GC", high); // within the cooldown: no second dump
    capture.close();

    assertThat(capture.captured()).isEqualTo(1);
    assertThat(files()).containsExactly("heap-20260304-050607Z.hprof");
    assertThat(Files.size(dir.resolve("heap-20260304-050607Z.hprof"))).isPositive();
  }

  @Test
  void prune_keepsTheNewestN_andLeavesOtherFilesAlone() throws Exception {
    for (String f : List.of("heap-20260101-000000Z.hprof", "heap-20260102-000000Z.hprof",
        "heap-20260103-000000Z.hprof", "heap-20260104-000000Z.hprof", "notes.txt")) {
      Files.writeString(dir.resolve(f), "x");
    }
    HeapDumpCapture.prune(dir, 2);
    assertThat(files()).containsExactly("heap-20260103-000000Z.hprof", "heap-20260104-000000Z.hprof", "notes.txt");
  }

  @Test
  void settings_rejectNonsense() {
    assertThatThrownBy(() -> new HeapDumpCapture.Settings(dir, 0, Duration.ZERO, 3))
        .hasMessageContaining("--heap-dump-threshold");
    assertThatThrownBy(() -> new HeapDumpCapture.Settings(dir, 85, Duration.ZERO, 0))
        .hasMessageContaining("--heap-dump-keep");
  }
}
