package dev.optimizr.pipeline;

import dev.optimizr.codec.Admission;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heap budget shared by the workers; thread-safe. A conversion takes its estimated bytes before decoding
 * and returns them when done. Conversions run together while their estimates fit the shared part; an image
 * larger than that waits until no other conversion holds any and runs alone (the others wait); an image
 * larger than the whole budget is refused before decoding, with the heap it would take. {@link #admitAlone()}
 * lets a worker retry an image with no other conversion in the heap. The semaphore is fair, so a large image
 * waiting for the budget is not overtaken forever by small ones.
 */
final class MemoryBudget implements Admission {
  /** Share of the maximum heap one conversion may take; the rest is for the JVM, queues, reports and G1's slack. */
  static final double HEAP_SHARE = 0.70;
  /**
   * Most heap that conversions take together, however large the heap: 1 GB, or 128 MB per CPU on machines
   * with more than 8 (ten 24-MP photos at once; a 168-MP PNG scan with its file is over it and runs alone). Resident
   * memory follows what is decoded at once (libwebp's buffers outside the heap come on top), so a large heap
   * is there for the largest images one at a time, not for running several of them together
   * (BENCHMARKS.md, "Huge images").
   */
  static final long SHARED_MIN = 1L << 30;
  static final long SHARED_PER_CPU = 128L << 20;

  private static final long UNIT = 1024; // permits are KiB so that terabyte heaps still fit an int

  private final Semaphore permits;
  private final int shared;
  private final long whole;
  /** The thread holding the whole budget through {@link #admitAlone()} or an image over the shared part, or null. */
  private volatile Thread alone;

  /**
   * @param sharedBytes what conversions may hold together
   * @param wholeBytes what one conversion may hold alone (at least {@code sharedBytes})
   */
  MemoryBudget(long sharedBytes, long wholeBytes) {
    this.shared = (int) Math.max(1, Math.min(Integer.MAX_VALUE, sharedBytes / UNIT));
    this.whole = Math.max(wholeBytes, sharedBytes);
    this.permits = new Semaphore(shared, true);
  }

  /** A budget where everything is shared: {@code bytes} together, and nothing larger. */
  MemoryBudget(long bytes) {
    this(bytes, bytes);
  }

  /** The budget for a maximum heap of {@code maxHeap} bytes on {@code cpus} CPUs. */
  static MemoryBudget forHeap(long maxHeap, int cpus) {
    long whole = (long) (maxHeap * HEAP_SHARE);
    return new MemoryBudget(Math.min(whole, Math.max(SHARED_MIN, cpus * SHARED_PER_CPU)), whole);
  }

  /** The budget for this JVM's maximum heap and the CPUs it may use. */
  static MemoryBudget forThisJvm() {
    return forHeap(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
  }

  /** Bytes that conversions may hold together. */
  long sharedBytes() {
    return shared * UNIT;
  }

  @Override
  public Permit admit(long bytes) throws InterruptedException, ConversionException {
    if (alone == Thread.currentThread()) {
      return () -> { }; // already holds everything (a retry inside admitAlone)
    }
    if (bytes > whole) {
      throw new ConversionException(ErrorType.TOO_LARGE, refusal(bytes, whole));
    }
    long kib = (bytes + UNIT - 1) / UNIT;
    return kib >= shared ? admitAlone() : acquire((int) Math.max(1, kib), false);
  }

  /**
   * Waits until no other conversion holds any of the budget and takes all of it; until the permit is
   * closed, {@link #admit} from this thread grants at once and other threads wait.
   */
  Permit admitAlone() throws InterruptedException {
    return acquire(shared, true);
  }

  /**
   * Why an image whose conversion needs {@code bytes} cannot run under a budget of {@code whole} bytes: the
   * heap it needs, the heap this run has, and the {@code -Xmx} that would do (whole gigabytes, rounded up).
   */
  static String refusal(long bytes, long whole) {
    long need = Math.round(bytes / HEAP_SHARE);
    return String.format(Locale.ROOT, "needs ~%s of heap, this run has %s (raise OPTIMIZR_JAVA_OPTS=-Xmx%dg)",
        size(need), size(Math.round(whole / HEAP_SHARE)), (need + (1L << 30) - 1) >> 30);
  }

  /** MB below a gigabyte, else GB with one decimal. */
  private static String size(long bytes) {
    return bytes < 1L << 30 ? (bytes + (1 << 19) >> 20) + " MB"
        : String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
  }

  private Permit acquire(int n, boolean exclusive) throws InterruptedException {
    permits.acquire(n);
    if (exclusive) {
      alone = Thread.currentThread();
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        if (exclusive) {
          alone = null;
        }
        permits.release(n);
      }
    };
  }

  /** Bytes of the shared part handed out right now (all of it while an image runs alone). */
  long heldBytes() {
    return (shared - (long) permits.availablePermits()) * UNIT;
  }

  /** KiB of the shared part not handed out right now. */
  int availableKib() {
    return permits.availablePermits();
  }
}
