package dev.optimizr.pipeline;

/** What {@code -workers auto} resolves to, from the CPUs and heap this process may use. Stateless and thread-safe. */
public final class AutoWorkers {
  /** The admission estimate of a 24-MP photo and its file: the heap each worker should find in the budget. */
  static final long HEAP_PER_WORKER = 100L << 20;

  private AutoWorkers() {}

  /**
   * The worker count of {@code -workers VALUE}: a number (its range is checked by {@link RunConfig}), or
   * {@code auto} resolved for this JVM.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static int parse(String value) {
    if ("auto".equalsIgnoreCase(value.strip())) {
      return resolve();
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number or auto, got '" + value + "'");
    }
  }

  /** For this JVM: {@code availableProcessors()} honours cgroup CPU quotas ({@code docker --cpus=1} is one). */
  public static int resolve() {
    Runtime rt = Runtime.getRuntime();
    return resolve(rt.availableProcessors(), rt.maxMemory());
  }

  /**
   * One worker per CPU and one more, which keeps the CPUs busy while a worker waits for its write; a single
   * worker on one CPU, where more convert no faster and hold more images in memory (BENCHMARKS.md, "Worker
   * scaling"); never more than the shared heap budget holds photos at once, as the rest would only wait.
   */
  static int resolve(int cpus, long maxHeap) {
    int byCpu = cpus <= 1 ? 1 : cpus + 1;
    long byMemory = Math.max(1, MemoryBudget.forHeap(maxHeap, cpus).sharedBytes() / HEAP_PER_WORKER);
    return (int) Math.min(RunConfig.MAX_WORKERS, Math.min(byCpu, byMemory));
  }
}
