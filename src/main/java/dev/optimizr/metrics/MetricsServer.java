package dev.optimizr.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read-only HTTP endpoint: {@code GET /metrics} (Prometheus text or OpenMetrics, negotiated by the
 * client's handler), {@code /metrics.json}, {@code /health/live}, {@code /health/ready}. Requests are served
 * by two daemon threads; {@link #close()} stops the server and waits a bounded time for them. Thread-safe.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code bind:port} (port 0 picks a free one) and starts serving. */
  public static MetricsServer start(InetAddress bind, int port, RunMetrics metrics, LiveSources src, Health health)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "optimizr-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    MetricsHandler prometheus = new MetricsHandler(metrics.scrape());
    // One context for everything: the JDK matches contexts by prefix, so "/metrics" would also take
    // "/metrics.json"; routing on the exact path avoids that.
    server.createContext("/", ex -> route(ex, prometheus, src, health));
    server.start();
    return new MetricsServer(server, executor);
  }

  private static void route(HttpExchange ex, MetricsHandler prometheus, LiveSources src, Health health)
      throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain", "method not allowed: the endpoint is read-only\n");
        return;
      }
      switch (ex.getRequestURI().getPath()) {
        case "/metrics" -> prometheus.handle(ex);
        case "/metrics.json" -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          MetricsJson.write(body, src, health, Clock.systemUTC());
          send(ex, 200, "application/json", body.toString(StandardCharsets.UTF_8));
        }
        case "/health/live" -> send(ex, 200, "application/json", "{\"status\":\"live\"}\n");
        case "/health/ready" -> {
          String state = health.state().name().toLowerCase(java.util.Locale.ROOT);
          send(ex, health.ready() ? 200 : 503, "application/json", "{\"status\":\"" + state + "\"}\n");
        }
        default -> send(ex, 404, "text/plain",
            "not found; try /metrics, /metrics.json, /health/live or /health/ready\n");
      }
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  /** The address actually bound (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting, closes connections, and waits up to 2 s for the request threads. */
  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(2, TimeUnit.SECONDS);
  }
}
