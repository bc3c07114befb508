package dev.optimizr.metrics;

import dev.optimizr.analytics.CollectorSnapshot;
import java.time.Instant;
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
 */
public record LiveSources(Supplier<CollectorSnapshot> collector, IntSupplier queueDepth, int queueCapacity,
    int workers, LongSupplier heapDumps, Instant start) {}
