package dev.optimizr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.TreeCount;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a Prometheus user sees: names, HELP/TYPE, bounded labels, values that match the collector. */
class RunMetricsTest {
  private final ConcurrentCollector collector = new ConcurrentCollector(List.of("DECODE", "ENCODE"));
  private final RunMetrics metrics = new RunMetrics();

  @BeforeEach
  void run() {
    for (int i = 0; i < 3; i++) {
      collector.found();
      collector.converted(1000, 400, 640 * 480, 120_000_000L, false);
      metrics.observeProcessing(120_000_000L);
    }
    collector.found();
    collector.failed("CORRUPT_INPUT");
    collector.found();
    collector.failed("TOO_LARGE");
    collector.found();
    collector.failed("CORRUPT_INPUT");
    collector.busy(1);
    metrics.register(new LiveSources(collector::snapshot, () -> 5, 8, 4, () -> 2, Instant.ofEpochSecond(1_700_000_000),
        () -> new TreeCount(10, true), List.of("CORRUPT_INPUT", "IO_ERROR", "TOO_LARGE")));
  }

  static String text(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void exposition_countsMatchTheCollector() throws Exception {
    String t = text(metrics.scrape());
    assertThat(t).contains("optimizr_files_processed_total 3.0", "optimizr_files_found_total 10.0",
        "optimizr_files_discovered 10.0", "optimizr_files_discovery_complete 1.0", "optimizr_files_pending 4.0",
        "optimizr_files_failed_total{error_type=\"CORRUPT_INPUT\"} 2.0",
        "optimizr_files_failed_total{error_type=\"TOO_LARGE\"} 1.0",
        "optimizr_files_failed_total{error_type=\"IO_ERROR\"} 0.0", "optimizr_input_bytes_total 3000.0",
        "optimizr_output_bytes_total 1200.0", "optimizr_queue_depth 5.0", "optimizr_workers_busy 1.0",
        "optimizr_worker_utilization_ratio 0.25", "optimizr_heap_dumps_captured_total 2.0",
        "optimizr_processing_seconds_count 3", "optimizr_processing_seconds_bucket{le=\"0.25\"} 3",
        "optimizr_processing_seconds_bucket{le=\"0.1\"} 0", "optimizr_run_start_time_seconds 1.7E9");
  }

  @Test
  void everyMetric_hasHelpAndType_prefixAndConventions() throws Exception {
    String t = text(metrics.app());
    Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(t);
    int n = 0;
    while (m.find()) {
      n++;
      String name = m.group(1);
      assertThat(name).startsWith("optimizr_");
      assertThat(t).contains("# HELP " + name + " ");
      if (m.group(2).equals("counter")) {
        assertThat(name).endsWith("_total");
      }
    }
    assertThat(n).isGreaterThanOrEqualTo(20);
    assertThat(t).doesNotContain("path=", "file=").doesNotContain("jvm_");
  }

  @Test
  void scrapeRegistry_addsTheStandardJvmMetrics() throws Exception {
    assertThat(text(metrics.scrape())).contains("jvm_memory_used_bytes", "jvm_threads_current",
        "process_cpu_seconds_total", "optimizr_files_processed_total");
  }
}
