package dev.optimizr.analytics;

import java.time.Instant;

/**
 * The process's memory at one moment. Immutable.
 *
 * @param timestamp when it was taken
 * @param heapUsedBytes heap in use ({@code MemoryMXBean})
 * @param heapCommittedBytes heap committed by the JVM
 * @param totalAllocatedBytes bytes allocated by all threads since start, or -1 where unsupported
 * @param residentBytes process resident memory (VmRSS; includes libwebp's native buffers)
 * @param gcCount collections so far
 * @param lastGcPauseMillis duration of the latest pause
 * @param heapFloorBytes lowest heap-after-GC since the previous snapshot, or -1 if no GC ran in between
 */
public record MemorySnapshot(Instant timestamp, long heapUsedBytes, long heapCommittedBytes,
    long totalAllocatedBytes, long residentBytes, long gcCount, long lastGcPauseMillis, long heapFloorBytes) {}
