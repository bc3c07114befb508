package dev.optimizr.state;

import java.time.Instant;

/**
 * How a run ended, for the record's list of runs. Immutable.
 *
 * @param durationSeconds as summary.json's duration_seconds
 * @param found candidate images this run looked at (converted + failed + skipped)
 * @param interrupted stopped by a signal or a full disk before the end of the tree
 * @param exitCode the process's exit status
 */
public record RunEnd(Instant end, double durationSeconds, long found, long processed, long failed, long skipped,
    long inputBytes, long outputBytes, boolean interrupted, int exitCode) {}
