package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observability flags as a user runs them, in process: logs, lifecycle, recording, summary field. */
class ObservabilityTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
  }

  private Path mixedInput() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(TestImages.edge("synthetic/plasma-640x480.jpg"), in.resolve("plasma.jpg"));
    Files.copy(TestImages.edge("synthetic/truncated-half.jpg"), in.resolve("truncated.jpg"));
    return in;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort(); // closed again when the run pushes: connection refused
    }
  }

  @Test
  void jsonLogs_oneObjectPerLine_failuresCarryPathTypeAndDuration() throws Exception {
    Path o = tmp.resolve("out");
    assertThat(run("-input", mixedInput().toString(), "-output", o.toString(), "--log-format", "json",
        "-quiet")).isEqualTo(1);

    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      events.add(mapper.readTree(line)); // every line is a JSON object
    }
    assertThat(events).allSatisfy(e -> assertThat(e.has("timestamp") && e.has("level") && e.has("logger")
        && e.has("message")).as("%s", e).isTrue());
    JsonNode failure = events.stream().filter(e -> e.has("error_type")).findFirst().orElseThrow();
    assertThat(failure.get("level").asText()).isEqualTo("ERROR");
    assertThat(failure.get("path").asText()).isEqualTo("truncated.jpg");
    assertThat(failure.get("error_type").asText()).isEqualTo("CORRUPT_INPUT");
    assertThat(failure.get("duration_ms").isIntegralNumber()).isTrue();
    assertThat(failure.get("message").asText()).startsWith("truncated.jpg: CORRUPT_INPUT: ");
    JsonNode done = events.get(events.size() - 1);
    assertThat(done.get("message").asText()).startsWith("Done: 1 of 2 images converted, 1 failed");
    assertThat(done.get("processed_files").asLong()).isEqualTo(1);
    assertThat(done.get("failed_files").asLong()).isEqualTo(1);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void everythingOn_noThreadOutlivesTheRun_failedPushIsOnlyAWarning() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    int port = closedPort();
    Path o = tmp.resolve("out");
    int code = run("-input", Paths.get("samples").toAbsolutePath().toString(), "-output", o.toString(),
        "--metrics-port", "0", "--pushgateway", "http://127.0.0.1:" + port, "--push-instance", "ci",
        "--heap-dump-dir", tmp.resolve("dumps").toString(), "-sample-interval", "1s", "-quiet");

    assertThat(code).as("a failed push does not fail the run").isZero();
    assertThat(err.toString()).containsPattern("(?m)^optimizr: metrics on http://127\\.0\\.0\\.1:\\d+/metrics$")
        .containsPattern("(?m)^optimizr: warning: could not push metrics to http://127\\.0\\.0\\.1:" + port
            + " \\(job=optimizr, instance=ci\\): .*refused.*$");
    assertThat(out.toString()).startsWith("Done: 6 of 6 images converted");
    // JDK-internal daemons (e.g. the HTTP keep-alive timer) are not ours; every thread of ours is gone.
    // A stopped thread may take a moment to end (the JDK HttpServer's "idle-timeout-task" timer exits after
    // Timer.cancel() returns), so each gets up to 5 s in all; one that is still alive then outlived the run.
    Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(t -> !t.getName().equals("Keep-Alive-Timer") && !t.getName().startsWith("JFR"))
        .collect(Collectors.toSet());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Thread t : started) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    Set<String> leftover = started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    assertThat(leftover).isEmpty();
    JsonNode summary = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
    assertThat(summary.get("heap_dumps_captured").asLong()).isZero();
  }

  @Test
  void jfr_recordsTheWholeRun_readableWithTheJdkParser() throws Exception {
    Path jfr = tmp.resolve("run.jfr");
    assertThat(run("-input", Paths.get("samples").toAbsolutePath().toString(), "-output",
        tmp.resolve("out").toString(), "--jfr", jfr.toString(), "-quiet")).isZero();

    assertThat(err.toString()).contains("optimizr: flight recording written: " + jfr);
    List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
    Set<String> types = events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet());
    // A GC is not certain in a one-second run; allocation samples and the GC set-up are. Which kind of CPU
    // sample a short run gets is not: in a warm JVM the workers spend nearly all their time inside libwebp
    // and libjpeg (native samples), and CI once saw no Java-frame sample at all.
    assertThat(types).as("allocation samples, GC set-up").contains("jdk.ObjectAllocationSample",
        "jdk.GCConfiguration");
    assertThat(types).as("CPU samples, Java or native").containsAnyOf("jdk.ExecutionSample",
        "jdk.NativeMethodSample");
    // The whole run: every worker thread was started, and so recorded, after the recording began.
    Set<String> started = events.stream().filter(e -> e.getEventType().getName().equals("jdk.ThreadStart"))
        .map(e -> e.getThread("thread").getJavaName()).collect(Collectors.toSet());
    assertThat(started).contains("optimizr-worker-1", "optimizr-worker-2", "optimizr-worker-3");
  }
}
