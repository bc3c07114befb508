package dev.optimizr.cli.run;

import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordMirror;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Uploads the record of an s3:// output every checkpoint period, on a daemon thread of its own, while the run
 * goes on, and once more at its end; does nothing for a local output. Started, closed and asked for the last
 * upload by the run's thread.
 */
final class RecordCheckpoints implements AutoCloseable {
  private final RecordMirror mirror;
  private final RecordMirror.Snapshot copy;
  /** Null for a local output. */
  private final ScheduledExecutorService schedule;

  private RecordCheckpoints(RecordMirror mirror, RecordMirror.Snapshot copy, ScheduledExecutorService schedule) {
    this.mirror = mirror;
    this.copy = copy;
    this.schedule = schedule;
  }

  /** Starts uploading {@code record} every {@code storage.checkpoint()} when the output is remote. */
  static RecordCheckpoints start(RunStorage storage, MigrationRecord record) {
    RecordMirror.Snapshot copy = (file, to) -> record.copyTo(to);
    if (!storage.mirror().remote()) {
      return new RecordCheckpoints(storage.mirror(), copy, null);
    }
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "optimizr-record-upload");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, storage.checkpoint().toMillis());
    s.scheduleWithFixedDelay(() -> {
      try {
        storage.mirror().checkpoint(copy);
      } catch (IOException | RuntimeException e) {
        // the next checkpoint or the end of the run tries again
      }
    }, every, every, TimeUnit.MILLISECONDS);
    return new RecordCheckpoints(storage.mirror(), copy, s);
  }

  /** The upload at the end of the run, once {@link #close} has stopped the periodic ones. */
  void last() throws IOException {
    mirror.checkpoint(copy);
  }

  /** Stops the periodic uploads. */
  @Override
  public void close() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
  }
}
