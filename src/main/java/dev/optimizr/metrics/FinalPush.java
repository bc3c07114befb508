package dev.optimizr.metrics;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/**
 * Pushes the run's final {@code optimizr_*} values to a Pushgateway under {@code job="optimizr"} and an
 * {@code instance} grouping key, replacing that group's previous values (HTTP PUT), as cron jobs should.
 * Stateless apart from its target; one push per run, from the session thread.
 */
public final class FinalPush {
  public static final String JOB = "optimizr";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final String instance;
  private final String shard;

  /**
   * @param url e.g. {@code http://pushgateway:9091}; a path (a reverse-proxy prefix) is kept
   * @param shard "I-of-N" for a sharded run (a second grouping key), or null
   */
  public FinalPush(URI url, String instance, String shard) {
    this.url = validate(url);
    this.instance = instance;
    this.shard = shard;
  }

  /** Checks a {@code --pushgateway} value: http or https, with a host. */
  public static URI validate(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("--pushgateway must be an http(s) URL with a host, e.g. "
          + "http://pushgateway:9091, got " + url);
    }
    return url;
  }

  /**
   * This machine's host name, the default {@code instance}, as {@code hostname} prints it; "localhost" when it
   * cannot be found. Linux's kernel file first: {@code InetAddress.getLocalHost()} may wait on DNS.
   */
  public static String defaultInstance() {
    try {
      String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Pushes the registry's current values; connection and read time out after 5 s and 10 s. */
  public void push(PrometheusRegistry registry) throws IOException {
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    PushGateway.Builder b = PushGateway.builder()
        .address(url.getHost() + ":" + port + path)
        .scheme(https ? Scheme.HTTPS : Scheme.HTTP)
        .format(Format.PROMETHEUS_TEXT) // the protobuf writer is left out of the jar (see pom.xml)
        .job(JOB)
        .groupingKey("instance", instance)
        .registry(registry)
        .connectionTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT);
    if (shard != null) {
      b.groupingKey("shard", shard);
    }
    b.build().push();
  }

  @Override
  public String toString() {
    return url + " (job=" + JOB + ", instance=" + instance + (shard != null ? ", shard=" + shard : "") + ")";
  }
}
