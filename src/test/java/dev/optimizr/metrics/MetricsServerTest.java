package dev.optimizr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.TreeCount;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint as curl or a load balancer sees it. */
class MetricsServerTest {
  private final ConcurrentCollector collector = new ConcurrentCollector(List.of("DECODE"));
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Health health = new Health(stop::get);
  private MetricsServer server;

  record Response(int status, String contentType, String body) {}

  @BeforeEach
  void start() throws Exception {
    collector.found();
    collector.converted(2000, 500, 100, 50_000_000L, false);
    collector.found();
    collector.failed("CORRUPT_INPUT");
    RunMetrics metrics = new RunMetrics();
    LiveSources src = new LiveSources(collector::snapshot, () -> 3, 6, 3, () -> 0, Instant.now(),
        () -> new TreeCount(2, true), List.of("CORRUPT_INPUT"));
    metrics.register(src);
    server = MetricsServer.start(InetAddress.getLoopbackAddress(), 0, metrics, src, health);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Response request(String method, String path) throws IOException {
    URL url = new URL("http://127.0.0.1:" + server.address().getPort() + path);
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    try {
      int status = c.getResponseCode();
      InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, c.getContentType(), body);
    } finally {
      c.disconnect();
    }
  }

  @Test
  void metrics_prometheusText() throws Exception {
    Response r = request("GET", "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    assertThat(r.body()).contains("# TYPE optimizr_files_processed_total counter",
        "optimizr_files_processed_total 1.0", "optimizr_files_failed_total{error_type=\"CORRUPT_INPUT\"} 1.0");
  }

  @Test
  void metricsJson_hasFourSectionsWithNumbers() throws Exception {
    Response r = request("GET", "/metrics.json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode j = new ObjectMapper().readTree(r.body());
    assertThat(j.at("/performance/files_processed").asLong()).isEqualTo(1);
    assertThat(j.at("/performance/processing_time_ms/p50").asDouble()).isEqualTo(50.0);
    assertThat(j.at("/resources/heap_used_bytes").asLong()).isPositive();
    assertThat(j.at("/workers/queue_depth").asInt()).isEqualTo(3);
    assertThat(j.at("/workers/configured").asInt()).isEqualTo(3);
    assertThat(j.at("/errors/by_type/CORRUPT_INPUT").asLong()).isEqualTo(1);
    assertThat(j.at("/status").asText()).isEqualTo("starting");
  }

  @Test
  void ready_is503WhileStarting_200WhileRunning_503WhileDraining_liveAlways200() throws Exception {
    assertThat(request("GET", "/health/ready").status()).isEqualTo(503);
    assertThat(request("GET", "/health/live").status()).isEqualTo(200);
    health.set(Health.State.RUNNING);
    assertThat(request("GET", "/health/ready")).extracting(Response::status, Response::body)
        .containsExactly(200, "{\"status\":\"running\"}\n");
    stop.set(true); // SIGTERM: finishing the images in flight
    assertThat(request("GET", "/health/ready")).extracting(Response::status, Response::body)
        .containsExactly(503, "{\"status\":\"draining\"}\n");
    assertThat(request("GET", "/health/live").status()).isEqualTo(200);
  }

  @Test
  void unknownPath404_writeMethods405() throws Exception {
    assertThat(request("GET", "/metricsx").status()).isEqualTo(404);
    assertThat(request("GET", "/").status()).isEqualTo(404);
    assertThat(request("POST", "/metrics").status()).isEqualTo(405);
    assertThat(request("DELETE", "/health/ready").status()).isEqualTo(405);
  }
}
