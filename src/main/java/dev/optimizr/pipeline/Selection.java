package dev.optimizr.pipeline;

import dev.optimizr.state.ConversionState;

/**
 * Which of the files the walker finds a run converts: only those on the {@code -retry-failed} list (when
 * given), and of those only the ones the record does not show as up to date (unless {@code -force}). Used by
 * real runs and dry runs alike. Thread-safe if the record is.
 */
public final class Selection {
  /** What a run does with one found file. */
  public enum Verdict {
    /** Not on the {@code -retry-failed} list: not part of this run at all. */
    NOT_WANTED,
    /** The output on record was made from this source with these settings. */
    UP_TO_DATE,
    CONVERT
  }

  private final RunConfig config;
  private final ConversionState state;

  public Selection(RunConfig config, ConversionState state) {
    this.config = config;
    this.state = state;
  }

  /** False for files a {@code -retry-failed} run leaves alone. */
  public boolean wanted(Job job) {
    return config.only() == null || config.only().contains(job.relative());
  }

  public Verdict of(Job job) {
    if (!wanted(job)) {
      return Verdict.NOT_WANTED;
    }
    if (!config.force() && state.upToDate(job.relative(), job.sizeBytes(), job.mtimeMillis(), job.target())) {
      return Verdict.UP_TO_DATE;
    }
    return Verdict.CONVERT;
  }
}
