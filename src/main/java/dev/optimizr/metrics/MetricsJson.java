package dev.optimizr.metrics;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.TreeCount;
import dev.optimizr.analytics.GcMonitor;
import dev.optimizr.analytics.Percentiles;
import dev.optimizr.analytics.ProcessStats;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Renders {@code /metrics.json}: the run's live numbers in four sections (performance, resources, workers,
 * errors) for people and scripts without Prometheus. Stateless and thread-safe; numbers are JSON numbers.
 */
public final class MetricsJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final double MB = 1024.0 * 1024;

  private MetricsJson() {}

  /** Writes the document for the state the sources report now. */
  public static void write(OutputStream out, LiveSources src, Health health, Clock clock) throws IOException {
    CollectorSnapshot c = src.collector().get();
    Instant now = clock.instant();
    double seconds = Math.max(1e-9, Duration.between(src.start(), now).toNanos() / 1e9);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("status", health.state().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("timestamp", now.toString());
      g.writeNumberField("uptime_seconds", r(seconds));
      performance(g, c, src.tree().get(), seconds);
      resources(g, c, src);
      workers(g, c, src);
      errors(g, c);
      g.writeEndObject();
    }
  }

  private static void performance(JsonGenerator g, CollectorSnapshot c, TreeCount tree, double seconds)
      throws IOException {
    g.writeObjectFieldStart("performance");
    g.writeNumberField("files_found", tree.found());
    g.writeBooleanField("discovery_complete", tree.complete());
    g.writeNumberField("files_pending", tree.pending(c.done()));
    g.writeNumberField("files_processed", c.converted());
    g.writeNumberField("files_failed", c.failed());
    g.writeNumberField("files_skipped", c.skipped());
    g.writeNumberField("input_bytes", c.inputBytes());
    g.writeNumberField("output_bytes", c.outputBytes());
    g.writeNumberField("space_saving_percent",
        c.inputBytes() == 0 ? 0 : r(100.0 * (c.inputBytes() - c.outputBytes()) / c.inputBytes()));
    g.writeNumberField("images_per_second", r(c.converted() / seconds));
    g.writeNumberField("throughput_mb_per_sec", r(c.inputBytes() / MB / seconds));
    Percentiles t = c.times();
    g.writeObjectFieldStart("processing_time_ms");
    g.writeNumberField("avg", r(t.meanMs()));
    g.writeNumberField("p50", r(t.p50Ms()));
    g.writeNumberField("p95", r(t.p95Ms()));
    g.writeNumberField("p99", r(t.p99Ms()));
    g.writeNumberField("max", r(t.maxMs()));
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void resources(JsonGenerator g, CollectorSnapshot c, LiveSources src) throws IOException {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    g.writeObjectFieldStart("resources");
    g.writeNumberField("heap_used_bytes", heap.getUsed());
    g.writeNumberField("heap_committed_bytes", heap.getCommitted());
    g.writeNumberField("heap_max_bytes", Runtime.getRuntime().maxMemory());
    g.writeNumberField("resident_memory_bytes", ProcessStats.residentBytes());
    g.writeNumberField("open_file_descriptors", ProcessStats.openFileDescriptors());
    g.writeNumberField("gc_runs", GcMonitor.collectionCount());
    g.writeNumberField("forced_gc_runs", c.forcedGcRuns());
    g.writeNumberField("heap_dumps_captured", src.heapDumps().getAsLong());
    g.writeNumberField("process_cpu_seconds", r(ProcessStats.processCpuNanos() / 1e9));
    g.writeEndObject();
  }

  private static void workers(JsonGenerator g, CollectorSnapshot c, LiveSources src) throws IOException {
    g.writeObjectFieldStart("workers");
    g.writeNumberField("configured", src.workers());
    g.writeNumberField("busy", c.busyWorkers());
    g.writeNumberField("utilization_percent", r(100.0 * c.busyWorkers() / src.workers()));
    g.writeNumberField("queue_depth", src.queueDepth().getAsInt());
    g.writeNumberField("queue_capacity", src.queueCapacity());
    g.writeNumberField("backpressure_events", c.backpressureEvents());
    g.writeNumberField("idle_seconds_total", r(c.workerIdleNanos() / 1e9));
    g.writeEndObject();
  }

  private static void errors(JsonGenerator g, CollectorSnapshot c) throws IOException {
    g.writeObjectFieldStart("errors");
    g.writeNumberField("total", c.failed());
    g.writeObjectFieldStart("by_type");
    for (Map.Entry<String, Long> e : c.errorsByType().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static double r(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
