package dev.optimizr.metrics;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.TreeCount;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where live metrics read the run's state; every supplier must be safe to call from any thread. Immutable.
 *
 * @param collector the collector's snapshot (counters, percentiles, errors by type)
 * @param queueDepth jobs waiting for a worker
 * @param queueCapacity the queue's capacity ({@code workers × 2})
 * @param workers conversion threads
 * @param heapDumps heap dumps captured so far
 * @param start when the run started
 * @param tree the counting walk's images found so far, and whether that is the total
 * @param errorTypes every error type, so {@code optimizr_files_failed_total} shows each at 0 before it
 *     first happens (a series that appears only on the first failure defeats {@code rate()} and alerts)
 */
public record LiveSources(Supplier<CollectorSnapshot> collector, IntSupplier queueDepth, int queueCapacity,
    int workers, LongSupplier heapDumps, Instant start, Supplier<TreeCount> tree, List<String> errorTypes) {
  public LiveSources {
    errorTypes = List.copyOf(errorTypes);
  }
}
