package dev.optimizr.pipeline;

import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.ImageConverter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Takes jobs until the walker is done and the queue is empty, or a stop is requested; never throws out
 * of its loop: every outcome, including a bug or an OutOfMemoryError, becomes a {@link JobResult}.
 */
final class Worker implements Runnable {
  private final BlockingQueue<Job> queue;
  private final BooleanSupplier walkerDone;
  private final RunControl control;
  private final ImageConverter converter;
  private final ConcurrentCollector collector;
  private final HeapGuard heapGuard;
  private final Consumer<JobResult> listener;
  private final StageTimer timer = new StageTimer();

  Worker(BlockingQueue<Job> queue, BooleanSupplier walkerDone, RunControl control, ImageConverter converter,
      ConcurrentCollector collector, HeapGuard heapGuard, Consumer<JobResult> listener) {
    this.queue = queue;
    this.walkerDone = walkerDone;
    this.control = control;
    this.converter = converter;
    this.collector = collector;
    this.heapGuard = heapGuard;
    this.listener = listener;
  }

  @Override
  public void run() {
    try {
      while (!control.stopRequested()) {
        // Read the flag before polling: if the walker was done and the poll still finds nothing, we are done.
        boolean done = walkerDone.getAsBoolean();
        long waitStart = System.nanoTime();
        Job job = queue.poll(50, TimeUnit.MILLISECONDS);
        if (!done) {
          collector.workerIdle(System.nanoTime() - waitStart); // waiting at the tail is not starvation
        }
        if (job == null) {
          if (done) {
            return;
          }
          continue;
        }
        collector.busy(1);
        JobResult result = process(job);
        collector.busy(-1);
        record(result);
        if (heapGuard.afterImage()) {
          collector.forcedGc();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  JobResult process(Job job) {
    long start = System.nanoTime();
    timer.reset();
    try {
      ImageConverter.Converted c = converter.convert(job.source(), job.target(), timer);
      long nanos = System.nanoTime() - start;
      collector.converted(c.inputBytes(), c.outputBytes(), (long) c.width() * c.height(), nanos,
          !c.warnings().isEmpty());
      collector.stages(timer.nanos(), timer.bytes());
      return JobResult.converted(job, c.outputBytes(), nanos, c.warnings());
    } catch (ConversionException e) {
      return fail(job, e.type(), e.getMessage(), start, e);
    } catch (OutOfMemoryError e) {
      // The decoded raster is unreachable once we return; the run goes on with the next image.
      return fail(job, ErrorType.OUT_OF_MEMORY, "out of heap memory while converting (raise -Xmx)", start, e);
    } catch (RuntimeException | LinkageError e) {
      return fail(job, ErrorType.INTERNAL_ERROR, e.toString(), start, e);
    }
  }

  private JobResult fail(Job job, ErrorType type, String message, long start, Throwable cause) {
    collector.failed(type.name());
    return JobResult.failed(job, type, message, System.nanoTime() - start, cause);
  }

  private void record(JobResult result) {
    try {
      listener.accept(result);
    } catch (RuntimeException e) {
      // A reporting problem (e.g. failures.jsonl on a full disk) must not kill the worker.
      control.reportListenerFailure(e);
    }
  }
}
