package dev.optimizr.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes results into the record from one background thread, in transactions of up to {@link #BATCH} results
 * or {@link #MAX_DELAY_MS} of work, whichever comes first: a killed run loses at most that last batch, whose
 * outputs are converted again. Safe for any number of producer threads; they block only if the queue of
 * {@link #QUEUE} results is full (the disk is that slow).
 */
final class RecordWriter implements AutoCloseable {
  static final int BATCH = 1000;
  static final long MAX_DELAY_MS = 1000;
  static final int QUEUE = 20_000;

  /** One result to record. */
  sealed interface Op permits Converted, Failed {}

  record Converted(String relative, long size, long mtime, long outputSize) implements Op {}

  record Failed(String relative, long size, long mtime, String type, String message) implements Op {}

  private final Connection conn;
  private final long settingsId;
  private final AtomicLong runId;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>(QUEUE);
  private final Thread thread;
  private final AtomicReference<String> problem = new AtomicReference<>();
  private final AtomicLong lost = new AtomicLong();
  private volatile boolean closing;

  /** @param conn guarded by its own monitor, shared with the walker's lookups */
  RecordWriter(Connection conn, long settingsId, AtomicLong runId) {
    this.conn = conn;
    this.settingsId = settingsId;
    this.runId = runId;
    this.thread = new Thread(this::loop, "optimizr-record");
    thread.setDaemon(true); // a hard stop must not wait for it: the batch is simply lost
    thread.start();
  }

  void add(Op op) {
    try {
      queue.put(op);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lost.incrementAndGet();
    }
  }

  /** The first write error, with the number of results it cost, or null. */
  String problem() {
    String p = problem.get();
    return p == null ? null : p + " (" + lost.get() + " result(s) not recorded)";
  }

  private void loop() {
    List<Op> batch = new ArrayList<>(BATCH);
    long first = 0;
    while (!closing || !queue.isEmpty()) {
      Op op;
      try {
        op = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (op != null) {
        if (batch.isEmpty()) {
          first = System.nanoTime();
        }
        batch.add(op);
        queue.drainTo(batch, BATCH - batch.size());
      }
      if (!batch.isEmpty() && (batch.size() >= BATCH || closing
          || System.nanoTime() - first >= TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MS))) {
        commit(batch);
        batch.clear();
      }
    }
    commit(batch);
  }

  private void commit(List<Op> batch) {
    if (batch.isEmpty()) {
      return;
    }
    synchronized (conn) {
      try (RecordTables t = new RecordTables(conn)) {
        conn.setAutoCommit(false);
        long run = runId.get();
        for (Op op : batch) {
          if (op instanceof Converted c) {
            t.converted(c.relative(), c.size(), c.mtime(), settingsId, c.outputSize(), run);
          } else if (op instanceof Failed f) {
            t.failed(f.relative(), f.size(), f.mtime(), f.type(), f.message(), run);
          }
        }
        conn.commit();
      } catch (SQLException e) {
        rollback();
        problem.compareAndSet(null, e.getMessage());
        lost.addAndGet(batch.size());
      } finally {
        autoCommit();
      }
    }
  }

  private void rollback() {
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // the first error is the one worth reporting
    }
  }

  private void autoCommit() {
    try {
      conn.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the next statement reports it
    }
  }

  /** Commits everything added so far and stops the thread. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    thread.join();
  }
}
