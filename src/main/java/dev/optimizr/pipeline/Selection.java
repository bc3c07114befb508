package dev.optimizr.pipeline;

import dev.optimizr.state.DirectoryView;
import dev.optimizr.state.MigrationRecord;

/**
 * Which of the files the walker finds a run converts: only those whose failure is on record (with
 * {@code -retry-failed}), and of those only the ones the record does not show as up to date (unless
 * {@code -force}). Used by real runs and dry runs alike. Reads the record one directory at a time: the walker
 * calls {@link #enter} as it enters each directory. Not thread-safe: one per walk, on the walker's thread.
 */
public final class Selection {
  /** What a run does with one found file. */
  public enum Verdict {
    /** Not an outstanding failure in a {@code -retry-failed} run: not part of this run at all. */
    NOT_WANTED,
    /** The output on record was made from this source with these settings. */
    UP_TO_DATE,
    CONVERT
  }

  private final RunConfig config;
  private final MigrationRecord record;
  private DirectoryView view = DirectoryView.EMPTY;

  public Selection(RunConfig config, MigrationRecord record) {
    this.config = config;
    this.record = record;
  }

  /** Reads the record's entries for input directory {@code relativeDir} ("" for the root): one query. */
  public void enter(String relativeDir) {
    String dir = relativeDir;
    view = config.force() && !config.retryFailed() ? DirectoryView.EMPTY
        : record.directory(dir, config.retryFailed());
  }

  /** False for files a {@code -retry-failed} run leaves alone. */
  public boolean wanted(Job job) {
    return !config.retryFailed() || view.failed(name(job));
  }

  public Verdict of(Job job) {
    if (!wanted(job)) {
      return Verdict.NOT_WANTED;
    }
    if (!config.force() && view.upToDate(name(job), job.sizeBytes(), job.mtimeMillis(), job.output())) {
      return Verdict.UP_TO_DATE;
    }
    return Verdict.CONVERT;
  }

  /** The source's file name: the record's entries of a directory are keyed by it. */
  private static String name(Job job) {
    return job.relative().substring(job.relative().lastIndexOf('/') + 1);
  }
}
