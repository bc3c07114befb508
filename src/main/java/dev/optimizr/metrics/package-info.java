/**
 * Live observability of a run: the Prometheus registry ({@code optimizr_*} metrics read from collector
 * snapshots, plus the client's JVM metrics), the loopback HTTP endpoint ({@code /metrics},
 * {@code /metrics.json}, {@code /health/*}), the final Pushgateway push, heap-dump capture, the JDK Flight
 * Recording, and {@link dev.optimizr.metrics.Observability}, which starts and stops them in order.
 * Reads analytics snapshots; never writes to stdout/stderr (it logs through SLF4J).
 */
package dev.optimizr.metrics;
