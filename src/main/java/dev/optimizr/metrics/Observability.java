package dev.optimizr.metrics;

import dev.optimizr.analytics.GcMonitor;
import dev.optimizr.analytics.MemorySampler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's observability lifecycle in one place. {@link #start} starts the memory sampler, the JDK Flight
 * Recording, heap-dump capture and the HTTP endpoint (all on daemon threads); {@link #close()} stops them in
 * order — final sample, push, stop HTTP, write the recording, flush logs — each with a bounded wait, and a
 * failing step never skips the next. Not thread-safe: one session thread owns it; its parts serve other
 * threads.
 */
public final class Observability implements AutoCloseable {
  /**
   * What the user asked for; null or -1 means "off". Immutable.
   *
   * @param metricsPort port of the HTTP endpoint, or -1 for none (0 picks a free port)
   * @param bind address the endpoint listens on
   * @param pushgateway where to push final values, or null
   * @param pushInstance the {@code instance} grouping key for the push
   * @param pushShard the {@code shard} grouping key ("I-of-N") of a sharded run, or null
   * @param heapDumps heap-dump capture, or null
   * @param jfr where to write a flight recording, or null
   */
  public record Options(int metricsPort, InetAddress bind, URI pushgateway, String pushInstance, String pushShard,
      HeapDumpCapture.Settings heapDumps, Path jfr) {}

  private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

  private final Options options;
  private final Health health;
  private final AutoCloseable logs;
  private final HeapDumpCapture heapDumps;
  private MemorySampler sampler;
  private GcMonitor gc;
  private RunMetrics metrics;
  private FlightRecording recording;
  private MetricsServer server;
  private boolean samplingStopped;
  private boolean closed;

  /** @param logs flushed and detached last, so every step's warnings are still written */
  public Observability(Options options, Health health, AutoCloseable logs) {
    this.options = options;
    this.health = health;
    this.logs = logs;
    this.heapDumps = options.heapDumps() == null ? null : new HeapDumpCapture(options.heapDumps(), Clock.systemUTC());
  }

  /** Heap dumps written so far (0 when capture is off). */
  public long heapDumpsCaptured() {
    return heapDumps == null ? 0 : heapDumps.captured();
  }

  /** Starts every enabled part; on failure stops what already started and rethrows. */
  public void start(RunMetrics metrics, LiveSources sources, MemorySampler sampler, GcMonitor gc)
      throws IOException {
    this.metrics = metrics;
    this.sampler = sampler;
    this.gc = gc;
    try {
      sampler.start();
      if (options.jfr() != null) {
        recording = FlightRecording.start(options.jfr());
      }
      if (heapDumps != null) {
        gc.addAfterGcListener(heapDumps);
      }
      if (options.metricsPort() >= 0 || options.pushgateway() != null) {
        metrics.register(sources);
      }
      if (options.metricsPort() >= 0) {
        server = startServer(sources);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    health.set(Health.State.RUNNING);
  }

  private MetricsServer startServer(LiveSources sources) throws IOException {
    String where = options.bind().getHostAddress() + ":" + options.metricsPort();
    try {
      MetricsServer s = MetricsServer.start(options.bind(), options.metricsPort(), metrics, sources, health);
      LOG.atInfo().addKeyValue("port", s.address().getPort())
          .log("metrics on http://{}:{}/metrics", options.bind().getHostAddress(), s.address().getPort());
      return s;
    } catch (IOException e) {
      throw new IOException("cannot serve metrics on " + where + ": " + e.getMessage(), e);
    }
  }

  /** The batch is over (or a stop was requested): {@code /health/ready} answers 503 from now on. */
  public void draining() {
    health.set(Health.State.DRAINING);
  }

  /** Takes the final memory sample and stops heap-dump capture; the summary is built after this. */
  public void stopSampling() throws InterruptedException {
    if (samplingStopped) {
      return;
    }
    samplingStopped = true;
    if (heapDumps != null && gc != null) {
      gc.removeAfterGcListener(heapDumps);
      heapDumps.close();
    }
    if (sampler != null) {
      sampler.stop();
    }
  }

  /** Final sample → push → stop HTTP → write the recording → flush logs. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    draining();
    step("stop sampling", this::stopSampling);
    if (options.pushgateway() != null && metrics != null) {
      FinalPush push = new FinalPush(options.pushgateway(), options.pushInstance(), options.pushShard());
      try {
        push.push(metrics.app());
        LOG.atInfo().addKeyValue("pushgateway", options.pushgateway().toString())
            .log("metrics pushed to {}", push);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not push metrics to {}: {}", push, e.getMessage() != null ? e.getMessage() : e.toString());
      }
    }
    if (server != null) {
      step("stop the metrics endpoint", server::close);
    }
    if (recording != null) {
      step("write the flight recording", () -> {
        recording.close();
        LOG.atInfo().addKeyValue("path", recording.file().toString())
            .log("flight recording written: {}", recording.file());
      });
    }
    step("flush logs", logs::close);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void step(String what, Step s) {
    try {
      s.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("could not {}: {}", what, e.toString());
    }
  }
}
