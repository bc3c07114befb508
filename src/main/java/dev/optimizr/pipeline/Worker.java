package dev.optimizr.pipeline;

import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.codec.Admission;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.EncodedTap;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.ImageConverter;
import dev.optimizr.io.s3.StorageUnavailableException;
import dev.optimizr.state.MigrationRecord;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Takes jobs until the walker is done and the queue is empty, or a stop is requested; never throws out
 * of its loop: every outcome, including a bug or an OutOfMemoryError, becomes a {@link JobResult}.
 * One instance per worker thread.
 */
final class Worker implements Runnable {
  /** What all workers of a run share. */
  record Shared(BlockingQueue<Job> queue, BooleanSupplier walkerDone, RunControl control, ImageConverter converter,
      Uploader uploads, MemoryBudget budget, ConcurrentCollector collector, HeapGuard heapGuard, MigrationRecord record,
      Consumer<JobResult> listener, QualityAudit audit) {}

  /** Added to the warnings of an image that converted only on its second attempt, alone. */
  static final String RETRIED_ALONE = "ran out of heap next to other images; converted on a second attempt, alone";

  private final Shared s;
  private final StageTimer timer = new StageTimer();

  Worker(Shared shared) {
    this.s = shared;
  }

  @Override
  public void run() {
    try {
      while (!s.control().stopRequested()) {
        // Read the flag before polling: if the walker was done and the poll still finds nothing, we are done.
        boolean done = s.walkerDone().getAsBoolean();
        long waitStart = System.nanoTime();
        Job job = s.queue().poll(50, TimeUnit.MILLISECONDS);
        if (!done) {
          s.collector().workerIdle(System.nanoTime() - waitStart); // waiting at the tail is not starvation
        }
        if (job == null) {
          if (done) {
            return;
          }
          continue;
        }
        s.collector().found();
        s.collector().busy(1);
        JobResult result = process(job);
        s.collector().busy(-1);
        if (result != null) {
          record(result); // null: the uploader records it once the output is in place
        }
        if (s.heapGuard().afterImage()) {
          s.collector().forcedGc();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The result of {@code job}, or null when its output is being uploaded (the uploader then reports it). */
  JobResult process(Job job) {
    long start = System.nanoTime();
    try {
      try {
        return attempt(job, start, false);
      } catch (OutOfMemoryError e) {
        // The admission estimate leaves out what it cannot see (the readers' buffers, the encoded output)
        // and G1 must find contiguous free regions for each raster (one humongous array), so an image that
        // fits the heap can still fail next to others: 6 or 8 workers under a 384 MB heap lost a 14.7-MP
        // RGBA PNG this way. Once more, with the heap to itself, before giving up.
        try (Admission.Permit whole = s.budget().admitAlone()) {
          return attempt(job, start, true);
        }
      }
    } catch (ConversionException e) {
      stopIfHopeless(e);
      return fail(job, e.type(), e.getMessage(), start, e);
    } catch (OutOfMemoryError e) {
      // The decoded raster is unreachable once we return; the run goes on with the next image.
      return fail(job, ErrorType.OUT_OF_MEMORY, outOfMemory(), start, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(job, ErrorType.IO_ERROR, "interrupted while waiting for memory", start, e);
    } catch (RuntimeException | LinkageError e) {
      return fail(job, ErrorType.INTERNAL_ERROR, e.toString(), start, e);
    }
  }

  /** One conversion of {@code job}; {@code alone} marks the retry that holds the whole heap budget. */
  private JobResult attempt(Job job, long start, boolean alone) throws ConversionException, InterruptedException {
    timer.reset();
    Uploader.Deferred deferred = s.uploads() == null ? null : s.uploads().defer(job.output());
    ImageConverter.Converted c = s.converter().convert(job.input(), deferred != null ? deferred : job.output(), timer,
        s.audit() == null ? EncodedTap.NONE : s.audit().tapFor(job));
    if (alone) {
      c = c.withWarning(RETRIED_ALONE);
    }
    if (deferred != null && deferred.pending()) {
      ImageConverter.Converted converted = c;
      long[] nanos = timer.nanos().clone(); // the timer is this worker's next image's once we return
      long[] bytes = timer.bytes().clone();
      s.uploads().upload(deferred, () -> record(complete(job, converted, start, nanos, bytes)), e -> {
        stopIfHopeless(e);
        record(fail(job, ErrorType.IO_ERROR, "cannot write " + job.output() + ": " + e.getMessage(), start, e));
      });
      return null;
    }
    return complete(job, c, start, timer.nanos(), timer.bytes());
  }

  /** Counts and records a conversion whose output is in place. */
  private JobResult complete(Job job, ImageConverter.Converted c, long start, long[] stageNanos,
      long[] stageBytes) {
    long nanos = System.nanoTime() - start;
    // An output withheld by -if-larger skip leaves the source as the smallest version: count it as such,
    // so that the byte totals do not claim a saving that nobody gets.
    long counted = c.written() ? c.outputBytes() : c.inputBytes();
    s.collector().converted(c.inputBytes(), counted, (long) c.width() * c.height(), nanos,
        !c.warnings().isEmpty(), c.larger());
    s.collector().stages(stageNanos, stageBytes);
    if (c.quality() >= 0) {
      s.collector().chosenQuality(c.quality());
    }
    s.record().converted(job.relative(), job.sizeBytes(), job.mtimeMillis(),
        c.written() ? c.outputBytes() : MigrationRecord.NO_OUTPUT);
    return JobResult.converted(job, c, nanos);
  }

  /** Names the heap limit and the way to raise it (the launcher sizes it from the memory limit unless told). */
  static String outOfMemory() {
    long mb = Runtime.getRuntime().maxMemory() >> 20;
    return "out of heap memory while converting with a " + mb + " MB heap (raise it, e.g. OPTIMIZR_JAVA_OPTS=-Xmx"
        + Math.max(2, (mb * 4 + 1023) / 1024) + "g, and rerun with -retry-failed)";
  }

  /** Stops the run when every further file would fail the same way: a full disk, an unreachable store. */
  private void stopIfHopeless(Throwable e) {
    if (isDiskFull(e)) {
      s.control().requestStop(StopReason.DISK_FULL);
    } else if (StorageUnavailableException.in(e)) {
      s.control().requestStop(StopReason.STORAGE_UNAVAILABLE);
    }
  }

  /** ENOSPC or EDQUOT from the output file system, anywhere in the cause chain. */
  static boolean isDiskFull(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c instanceof FileSystemException fse ? fse.getReason() : c.getMessage();
      if (c instanceof IOException && m != null
          && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  private JobResult fail(Job job, ErrorType type, String message, long start, Throwable cause) {
    s.collector().failed(type.name());
    s.record().failed(job.relative(), job.sizeBytes(), job.mtimeMillis(), type.name(), message);
    return JobResult.failed(job, type, message, System.nanoTime() - start, cause);
  }

  private void record(JobResult result) {
    try {
      s.listener().accept(result);
    } catch (RuntimeException e) {
      // A reporting problem (e.g. failures.jsonl on a full disk) must not kill the worker.
      s.control().reportListenerFailure(e);
    }
  }
}
