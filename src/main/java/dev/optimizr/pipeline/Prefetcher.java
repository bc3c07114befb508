package dev.optimizr.pipeline;

import dev.optimizr.io.ImageSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches remote sources ahead of the workers: the walker hands each job over before queueing it, a GET starts on
 * one of {@code concurrency} threads, and the worker's {@link ImageSource#read()} gets the bytes, waiting only if
 * they have not arrived yet. At most {@code maxBytes} of fetched-but-unread sources are held (a larger single
 * source waits until nothing else is held). Safe for one walker thread and any number of workers.
 */
final class Prefetcher implements AutoCloseable {
  private static final int KB = 1024;

  private final ExecutorService pool;
  private final Semaphore budget;
  private final int maxPermits;
  private final RunControl control;

  Prefetcher(int concurrency, long maxBytes, RunControl control) {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "optimizr-fetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.maxPermits = (int) Math.min(Integer.MAX_VALUE, maxBytes / KB);
    this.budget = new Semaphore(maxPermits);
    this.control = control;
  }

  /**
   * Starts fetching {@code job}'s source once the byte budget allows; returns the job reading from that fetch,
   * or null if a stop was requested while waiting for the budget.
   */
  Job ahead(Job job) throws InterruptedException {
    int permits = (int) Math.min(maxPermits, Math.max(1, job.sizeBytes() / KB));
    while (!budget.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
      if (control.stopRequested()) {
        return null;
      }
    }
    ImageSource source = job.input();
    CompletableFuture<byte[]> fetch = CompletableFuture.supplyAsync(() -> {
      try {
        return source.read();
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, pool);
    return new Job(job.relative(), new Fetched(source, fetch, permits), job.output());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** A source whose bytes are on their way; reading returns their budget. */
  private final class Fetched implements ImageSource {
    private final ImageSource source;
    private final CompletableFuture<byte[]> fetch;
    private final int permits;
    private final AtomicBoolean released = new AtomicBoolean();

    Fetched(ImageSource source, CompletableFuture<byte[]> fetch, int permits) {
      this.source = source;
      this.fetch = fetch;
      this.permits = permits;
    }

    @Override
    public String name() {
      return source.name();
    }

    @Override
    public long size() {
      return source.size();
    }

    @Override
    public long lastModifiedMillis() {
      return source.lastModifiedMillis();
    }

    @Override
    public byte[] read() throws IOException {
      try {
        return fetch.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching " + source);
      } catch (ExecutionException e) {
        Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : e.getCause();
        if (c instanceof IOException io) {
          throw io;
        }
        if (c instanceof OutOfMemoryError) {
          // The heap was short while the bytes arrived (on JDK 17, also an allocation that gave up waiting
          // for a native call to leave its critical section): fetch once more, now, on the worker's thread.
          return source.read();
        }
        throw new IOException(String.valueOf(c), c);
      } finally {
        if (released.compareAndSet(false, true)) {
          budget.release(permits);
        }
      }
    }

    @Override
    public String toString() {
      return source.toString();
    }
  }
}
