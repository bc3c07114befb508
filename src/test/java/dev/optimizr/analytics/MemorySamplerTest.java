package dev.optimizr.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemorySamplerTest {
  @Test
  void shortRun_hasStartAndEndSnapshots_andNoThreadOutlivesIt() throws Exception {
    try (GcMonitor gc = new GcMonitor()) {
      MemorySampler sampler = new MemorySampler(Duration.ofMinutes(30), gc, Clock.systemUTC());
      sampler.start();
      byte[][] garbage = new byte[64][];
      for (int i = 0; i < garbage.length; i++) {
        garbage[i] = new byte[1 << 20];
      }
      System.gc();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (gc.pauses() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5); // GC notifications arrive on a JMX thread, shortly after the collection
      }
      sampler.stop();

      List<MemorySnapshot> s = sampler.snapshots();
      assertThat(s).hasSize(2);
      assertThat(s.get(1).timestamp()).isAfterOrEqualTo(s.get(0).timestamp());
      assertThat(s.get(1).heapUsedBytes()).isPositive();
      assertThat(s.get(1).residentBytes()).isPositive();
      assertThat(s.get(1).gcCount()).isGreaterThan(s.get(0).gcCount());
      assertThat(s.get(1).heapFloorBytes()).as("floor seen by the GC notification").isPositive();
      assertThat(gc.pauses()).isPositive();
      assertThat(garbage[63]).hasSize(1 << 20);
    }
    Thread.sleep(100);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("optimizr-sampler"));
  }

  @Test
  void sampler_takesPeriodicSnapshots() throws Exception {
    try (GcMonitor gc = new GcMonitor()) {
      MemorySampler sampler = new MemorySampler(Duration.ofMillis(20), gc, Clock.systemUTC());
      sampler.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (sampler.snapshots().size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      sampler.stop();
      assertThat(sampler.snapshots().size()).isGreaterThanOrEqualTo(5);
    }
  }
}
