/**
 * Run-wide counters that workers update without locks and reports read through immutable snapshots.
 * The seam the analytics issue grows (timings, percentiles, memory sampling) without touching workers.
 */
package dev.optimizr.analytics;
