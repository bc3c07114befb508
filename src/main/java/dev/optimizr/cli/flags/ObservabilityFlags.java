package dev.optimizr.cli.flags;

import dev.optimizr.cli.UsageException;
import dev.optimizr.logging.LogFormat;
import dev.optimizr.metrics.FinalPush;
import dev.optimizr.metrics.HeapDumpCapture;
import dev.optimizr.metrics.Observability;
import dev.optimizr.pipeline.Shard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The observability flags (metrics endpoint, Pushgateway, logs, heap dumps, JFR), mixed into the command. */
public final class ObservabilityFlags {
  @Option(names = {"-metrics-port", "--metrics-port"}, paramLabel = "PORT",
      description = "Serve /metrics (Prometheus), /metrics.json, /health/live and /health/ready on this port "
          + "while the run lasts (default: off).")
  Integer metricsPort;

  @Option(names = {"-metrics-bind", "--metrics-bind"}, paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address the metrics endpoint listens on (default: ${DEFAULT-VALUE}, this machine only).")
  String metricsBind;

  @Option(names = {"-pushgateway", "--pushgateway"}, paramLabel = "URL",
      description = "Push the final metrics to this Pushgateway (job optimizr) when the run ends, also after "
          + "SIGTERM; a failed push is only a warning.")
  URI pushgateway;

  @Option(names = {"-push-instance", "--push-instance"}, paramLabel = "NAME",
      description = "The instance grouping key of the push (default: this host's name).")
  String pushInstance;

  @Option(names = {"-log-format", "--log-format"}, paramLabel = "FORMAT", defaultValue = "text",
      converter = LogFormatConverter.class, completionCandidates = CompletionValues.LogFormats.class,
      description = "text (default) or json: one JSON object per line on stdout (timestamp, level, logger, "
          + "message, path, error_type, duration_ms) for ELK/Loki.")
  LogFormat logFormat;

  /** {@code -log-format}. */
  public LogFormat logFormat() {
    return logFormat;
  }

  @Option(names = {"-heap-dump-dir", "--heap-dump-dir"}, paramLabel = "DIR",
      description = "Write a heap dump (heap-YYYYMMDD-HHMMSSZ.hprof) here when heap after GC stays above "
          + "the threshold (default: off).")
  Path heapDumpDir;

  @Option(names = {"-heap-dump-threshold", "--heap-dump-threshold"}, paramLabel = "PERCENT",
      defaultValue = "85", description = "Heap share after GC that triggers a dump (default: ${DEFAULT-VALUE}).")
  double heapDumpThreshold;

  @Option(names = {"-heap-dump-cooldown", "--heap-dump-cooldown"}, paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "At most one heap dump per this period (default: ${DEFAULT-VALUE}).")
  Duration heapDumpCooldown;

  @Option(names = {"-heap-dump-keep", "--heap-dump-keep"}, paramLabel = "N", defaultValue = "3",
      description = "Keep the newest N heap dumps, delete older ones (default: ${DEFAULT-VALUE}).")
  int heapDumpKeep;

  @Option(names = {"-jfr", "--jfr"}, paramLabel = "FILE",
      description = "Record a JDK Flight Recording of the whole run (CPU, allocation, GC) into FILE, written "
          + "at the end and after SIGINT/SIGTERM.")
  Path jfr;

  /** text or json in any case, whatever the CommandLine's enum settings (other tools parse our flags too). */
  static final class LogFormatConverter implements ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      try {
        return LogFormat.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected text or json, got '" + value + "'");
      }
    }
  }

  /** Range and file-system checks; every problem is a usage error. */
  /** @param shard a sharded run pushes under its own {@code shard} grouping key, so N shards do not overwrite */
  public Observability.Options validate(Shard shard) throws UsageException {
    int port = -1;
    if (metricsPort != null) {
      if (metricsPort < 0 || metricsPort > 65535) {
        throw new UsageException("-metrics-port must be between 0 and 65535, got " + metricsPort);
      }
      port = metricsPort;
    }
    InetAddress bind;
    try {
      bind = InetAddress.getByName(metricsBind);
    } catch (UnknownHostException e) {
      throw new UsageException("-metrics-bind: unknown address " + metricsBind);
    }
    try {
      if (pushgateway != null) {
        FinalPush.validate(pushgateway);
      }
      HeapDumpCapture.Settings dumps = heapDumpDir == null ? null
          : new HeapDumpCapture.Settings(heapDumpDir, heapDumpThreshold, heapDumpCooldown, heapDumpKeep);
      if (dumps != null) {
        directory(dumps.dir());
      }
      String instance = pushInstance != null ? pushInstance : FinalPush.defaultInstance();
      if (instance.isBlank()) {
        throw new UsageException("-push-instance must not be empty");
      }
      String pushShard = shard.sharded() ? shard.index() + "-of-" + shard.count() : null;
      return new Observability.Options(port, bind, pushgateway, instance, pushShard, dumps, jfrFile());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void directory(Path dir) throws UsageException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageException("cannot create -heap-dump-dir " + dir + ": " + e.getMessage());
    }
  }

  private Path jfrFile() throws UsageException {
    if (jfr == null) {
      return null;
    }
    Path parent = jfr.toAbsolutePath().getParent();
    if (Files.isDirectory(jfr) || parent == null || !Files.isDirectory(parent)) {
      throw new UsageException("-jfr must name a file in an existing directory, got " + jfr);
    }
    return jfr;
  }
}
