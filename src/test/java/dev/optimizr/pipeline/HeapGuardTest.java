package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapGuardTest {
  private static final long MB = 1 << 20;

  /** Over the threshold the heap is tight: the collection is counted as forced (forced_gc_runs). */
  @Test
  void heapOverTheThreshold_isATightHeap() {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    assertThat(new HeapGuard(0.0, Long.MAX_VALUE, budget).afterImage()).isTrue();
  }

  /** Garbage past the slack is collected as routine, not counted as a tight heap. */
  @Test
  void garbageBeyondTheSlack_isCollected_butNotCountedAsForced() {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    long before = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    assertThat(new HeapGuard(1.0, 0, budget).afterImage()).isFalse(); // any heap in use is over a zero slack
    long after = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    assertThat(after).isGreaterThan(before);
  }

  /** {@code -Doptimizr.gc.garbage-slack-mb} (README: a lower peak for more CPU) sets the default guard's slack. */
  @Test
  void slackProperty_setsTheDefaultGuardsSlack() {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    String key = "optimizr.gc.garbage-slack-mb";
    try {
      System.setProperty(key, "0");
      long before = collections();
      new HeapGuard(budget).afterImage();
      assertThat(collections()).isGreaterThan(before); // any heap in use is over a zero slack
    } finally {
      System.clearProperty(key);
    }
  }

  private static long collections() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
  }

  @Test
  void heapWithinTheSlack_isLeftAlone() {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    assertThat(new HeapGuard(1.0, Long.MAX_VALUE, budget).afterImage()).isFalse();
  }
}
