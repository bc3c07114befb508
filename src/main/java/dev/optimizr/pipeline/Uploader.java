package dev.optimizr.pipeline;

import dev.optimizr.io.ImageSink;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Writes remote outputs behind the workers: a worker's conversion writes into a {@link Deferred} sink (which only
 * keeps the bytes), then hands it here and takes its next image while one of {@code concurrency} threads PUTs it.
 * What happens after the write (the record, the result) runs on that thread once the object is in place. At most
 * {@code maxBytes} of outputs wait or travel at once; a worker waits for room. Thread-safe.
 */
final class Uploader implements AutoCloseable {
  private static final int KB = 1024;

  private final ExecutorService pool;
  private final Semaphore budget;
  private final int maxPermits;

  Uploader(int concurrency, long maxBytes) {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "optimizr-upload-" + n.incrementAndGet()));
    this.maxPermits = (int) Math.min(Integer.MAX_VALUE, maxBytes / KB);
    this.budget = new Semaphore(maxPermits);
  }

  /** A sink that keeps what is written to {@code target} for {@link #upload}. */
  Deferred defer(ImageSink target) {
    return new Deferred(target);
  }

  /**
   * Writes {@code d}'s bytes to its target on an upload thread, then runs {@code done}, or {@code failed} with
   * the write's exception. Waits for room in the byte budget first.
   */
  void upload(Deferred d, Runnable done, Consumer<IOException> failed) throws InterruptedException {
    byte[] content = d.content;
    int permits = (int) Math.min(maxPermits, Math.max(1, content.length / KB));
    budget.acquire(permits);
    pool.execute(() -> {
      try {
        d.target.write(content);
        done.run();
      } catch (IOException e) {
        failed.accept(e);
      } finally {
        budget.release(permits);
      }
    });
  }

  /** Waits until every upload handed over has finished. */
  @Override
  public void close() throws InterruptedException {
    pool.shutdown();
    while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
      // an upload still retrying; its result is recorded when it ends
    }
  }

  /** Keeps the bytes written; deletes go straight to the target (rare, and small). */
  static final class Deferred implements ImageSink {
    private final ImageSink target;
    private byte[] content;

    private Deferred(ImageSink target) {
      this.target = target;
    }

    /** True when a write is waiting for {@link Uploader#upload}. */
    boolean pending() {
      return content != null;
    }

    @Override
    public String name() {
      return target.name();
    }

    @Override
    public void write(byte[] bytes) {
      this.content = bytes;
    }

    @Override
    public void delete() throws IOException {
      target.delete();
    }

    @Override
    public long existingSize() {
      return target.existingSize();
    }
  }
}
