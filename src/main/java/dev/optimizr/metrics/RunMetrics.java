package dev.optimizr.metrics;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ProcessStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The run's Prometheus metrics. Thread-safe: {@link #observeProcessing} may be called by any number of worker
 * threads; the callback metrics read a fresh {@link CollectorSnapshot} on each scrape or push.
 *
 * <p>Two registries: {@link #app()} holds only {@code optimizr_*} (what a cron run pushes to the Pushgateway,
 * where JVM internals of a process that has exited would only be stale noise); {@link #scrape()} adds the
 * client's standard {@code jvm_*} and {@code process_*} metrics for the live endpoint.
 */
public final class RunMetrics {
  /** Seconds; from a small PNG (milliseconds) to a 100-megapixel photo on a slow core (a minute). */
  private static final double[] PROCESSING_BUCKETS =
      {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final PrometheusRegistry app = new PrometheusRegistry();
  private final PrometheusRegistry scrape = new PrometheusRegistry();
  private final Histogram processing;
  private boolean sourcesRegistered;

  /** Creates the histogram, so results can be observed before the gauges have their sources. */
  public RunMetrics() {
    processing = Histogram.builder().name("optimizr_processing_seconds")
        .help("Wall time to convert one image (decode, transform, encode, write), converted images only")
        .unit(Unit.SECONDS).classicOnly().classicUpperBounds(PROCESSING_BUCKETS).withoutExemplars().build();
    both(processing);
  }

  /** Records one converted image's processing time. Wait-free enough for worker threads. */
  public void observeProcessing(long nanos) {
    processing.observe(Math.max(0, nanos) / 1e9);
  }

  /** Only {@code optimizr_*} metrics: what is pushed. */
  public PrometheusRegistry app() {
    return app;
  }

  /** {@code optimizr_*} plus JVM metrics: what {@code /metrics} serves. */
  public PrometheusRegistry scrape() {
    return scrape;
  }

  /** Registers the callback metrics and the JVM metrics; call once, from the thread that starts the run. */
  public synchronized void register(LiveSources src) {
    if (sourcesRegistered) {
      throw new IllegalStateException("sources already registered");
    }
    sourcesRegistered = true;
    both(CounterWithCallback.builder().name("optimizr_files_found")
        .help("Images found in the input tree so far (this shard), by a counting walk ahead of the conversion")
        .callback(cb -> cb.call(src.tree().get().found())).build());
    gauge("optimizr_files_discovered", "Images in the input tree (this shard) counted so far; the run's total "
        + "once optimizr_files_discovery_complete is 1", null, () -> src.tree().get().found());
    gauge("optimizr_files_discovery_complete", "1 once the input tree is fully counted "
        + "(optimizr_files_discovered is then final), 0 while counting", null,
        () -> src.tree().get().complete() ? 1 : 0);
    gauge("optimizr_files_pending", "Images discovered but not yet converted, skipped or failed (queued, being "
        + "converted or not reached); % done = 1 - pending / discovered", null, () -> pending(src));
    counter("optimizr_files_processed", "Images converted to WebP", null, s -> s.converted(), src);
    counter("optimizr_files_skipped", "Images skipped because their output is up to date", null,
        s -> s.skipped(), src);
    both(CounterWithCallback.builder().name("optimizr_files_failed").labelNames("error_type")
        .help("Images that failed, by error type (UNSUPPORTED_FORMAT, CORRUPT_INPUT, TOO_LARGE, ...)")
        .callback(cb -> failedByType(src).forEach((type, n) -> cb.call(n, type))).build());
    counter("optimizr_input_bytes", "Source bytes of the converted images", Unit.BYTES,
        s -> s.inputBytes(), src);
    counter("optimizr_output_bytes", "WebP bytes written", Unit.BYTES, s -> s.outputBytes(), src);
    counter("optimizr_input_pixels", "Pixels of the converted images", null, s -> s.inputPixels(), src);
    counter("optimizr_backpressure_events", "Times the tree walker found the queue full and waited", null,
        s -> s.backpressureEvents(), src);
    counter("optimizr_worker_idle_seconds", "Time workers waited for the queue, summed over workers",
        Unit.SECONDS, s -> s.workerIdleNanos() / 1e9, src);
    counter("optimizr_forced_gc", "Full collections requested by the heap guard (heap above 70 %)", null,
        s -> s.forcedGcRuns(), src);
    both(CounterWithCallback.builder().name("optimizr_heap_dumps_captured")
        .help("Heap dumps written because heap after GC stayed above the threshold")
        .callback(cb -> cb.call(src.heapDumps().getAsLong())).build());
    gauge("optimizr_queue_depth", "Jobs waiting in the queue for a worker", null, src.queueDepth()::getAsInt);
    gauge("optimizr_queue_capacity", "Capacity of the job queue (workers x 2)", null, src::queueCapacity);
    gauge("optimizr_workers", "Conversion threads", null, src::workers);
    gauge("optimizr_workers_busy", "Workers converting an image right now", null,
        () -> src.collector().get().busyWorkers());
    gauge("optimizr_worker_utilization_ratio", "Busy workers / workers, now (0-1)", Unit.RATIO,
        () -> src.collector().get().busyWorkers() / (double) src.workers());
    gauge("optimizr_heap_used_bytes", "JVM heap in use", Unit.BYTES,
        () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    gauge("optimizr_heap_max_bytes", "JVM heap limit (-Xmx)", Unit.BYTES, () -> Runtime.getRuntime().maxMemory());
    gauge("optimizr_resident_memory_bytes", "Process resident memory, including libwebp's native buffers",
        Unit.BYTES, ProcessStats::residentBytes);
    gauge("optimizr_open_file_descriptors", "File descriptors the process has open", null,
        ProcessStats::openFileDescriptors);
    gauge("optimizr_run_start_time_seconds", "When the run started, Unix time", Unit.SECONDS,
        () -> src.start().toEpochMilli() / 1000.0);
    registerJvmMetrics();
  }

  /**
   * {@code JvmMetrics.builder().register()} minus {@code JvmMemoryPoolAllocationMetrics}: that one adds a GC
   * listener that is never removed and starts the client's scheduler thread (for exemplars), so it would
   * outlive the run. The others read MXBeans when scraped and leave nothing behind.
   */
  private void registerJvmMetrics() {
    JvmThreadsMetrics.builder().register(scrape);
    JvmBufferPoolMetrics.builder().register(scrape);
    JvmClassLoadingMetrics.builder().register(scrape);
    JvmCompilationMetrics.builder().register(scrape);
    JvmGarbageCollectorMetrics.builder().register(scrape);
    JvmMemoryMetrics.builder().register(scrape);
    JvmNativeMemoryMetrics.builder().register(scrape);
    JvmRuntimeInfoMetric.builder().register(scrape);
    ProcessMetrics.builder().register(scrape);
  }

  /** Discovered minus finished, never negative (files added to the tree during the run are not counted). */
  private static long pending(LiveSources src) {
    long done = src.collector().get().done();
    return src.tree().get().pending(done);
  }

  /**
   * Registers the quality audit's metrics: images scored so far and their SSIM (lowest, 5th percentile, median;
   * NaN until one is scored). Call once, when the run audits.
   */
  public synchronized void registerAudit(java.util.function.Supplier<AuditCollector.Snapshot> audit) {
    both(CounterWithCallback.builder().name("optimizr_audit_images")
        .help("Converted images whose WebP the quality audit decoded and scored (SSIM against the encoded pixels)")
        .callback(cb -> cb.call(audit.get().count())).build());
    gauge("optimizr_audit_ssim_min", "Lowest SSIM among the audited images (NaN before the first)", null,
        () -> audit.get().min());
    gauge("optimizr_audit_ssim_p5", "5th percentile of the audited images' SSIM", null, () -> audit.get().p5());
    gauge("optimizr_audit_ssim_median", "Median SSIM of the audited images", null, () -> audit.get().median());
  }

  /** Every known type (0 until it happens) plus any other type the collector saw. */
  private static Map<String, Long> failedByType(LiveSources src) {
    Map<String, Long> all = new TreeMap<>();
    src.errorTypes().forEach(t -> all.put(t, 0L));
    all.putAll(src.collector().get().errorsByType());
    return all;
  }

  private void counter(String name, String help, Unit unit, ToDoubleFunction<CollectorSnapshot> value,
      LiveSources src) {
    CounterWithCallback.Builder b = CounterWithCallback.builder().name(name).help(help)
        .callback(cb -> cb.call(value.applyAsDouble(src.collector().get())));
    if (unit != null) {
      b.unit(unit);
    }
    both(b.build());
  }

  private void gauge(String name, String help, Unit unit, java.util.function.DoubleSupplier value) {
    GaugeWithCallback.Builder b = GaugeWithCallback.builder().name(name).help(help)
        .callback(cb -> cb.call(value.getAsDouble()));
    if (unit != null) {
      b.unit(unit);
    }
    both(b.build());
  }

  private void both(io.prometheus.metrics.model.registry.Collector c) {
    app.register(c);
    scrape.register(c);
  }
}
