package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * optimizr against the real monitoring stack (Debian's prometheus, prometheus-pushgateway, promtool), all on
 * 127.0.0.1: a real Pushgateway receives the final push, a real Prometheus scrapes a live run, and promtool
 * lints our exposition. Skipped when the binaries are missing; CI sets OPTIMIZR_REQUIRE_TOOLS=1 and installs
 * them, and then a missing binary fails.
 */
class PrometheusIntegrationTest {
  private static final int FILES = 150;
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  @TempDir static Path tree;
  @TempDir Path tmp;

  private final List<Process> processes = new ArrayList<>();

  private static boolean onPath(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static void requireTools(String... tools) {
    for (String tool : tools) {
      boolean available = onPath(tool);
      if (System.getenv("OPTIMIZR_REQUIRE_TOOLS") != null) {
        assertThat(available).as(tool + " must be installed (apt-get install prometheus prometheus-pushgateway)")
            .isTrue();
      }
      assumeTrue(available, tool + " not installed: skipped (apt-get install prometheus prometheus-pushgateway)");
    }
  }

  @BeforeAll
  static void buildTree() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(1600, 1200, 11), "png", tree.resolve("seed.png"));
    for (int i = 0; i < FILES; i++) {
      Path p = tree.resolve("in/" + (i % 5) + "/img" + i + ".png");
      Files.createDirectories(p.getParent());
      Files.copy(seed, p);
    }
  }

  @AfterEach
  void stopProcesses() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Process start(Path log, String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  /** GET on 127.0.0.1; status and body, or -1 while nothing listens yet. */
  private static String[] get(int port, String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      try {
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        return new String[] {Integer.toString(status), in == null ? "" : new String(in.readAllBytes(),
            StandardCharsets.UTF_8)};
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return new String[] {"-1", e.toString()};
    }
  }

  private static void awaitStatus(int port, String path, int status, Process owner) throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!get(port, path)[0].equals(Integer.toString(status))) {
      assertThat(owner.isAlive()).as("process serving :%d is alive", port).isTrue();
      assertThat(System.nanoTime()).as("%s on :%d answered %d in time", path, port, status).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * A Pushgateway of this test alone: Debian's persists to /var/lib/prometheus/pushgateway.data by default,
   * which would keep our pushes after the test and could hand us another run's values.
   */
  private Process pushgateway(int port) throws Exception {
    Process p = start(tmp.resolve("pushgateway.log"), "prometheus-pushgateway",
        "--web.listen-address=127.0.0.1:" + port, "--persistence.file=" + tmp.resolve("pushgateway.data"));
    awaitStatus(port, "/-/ready", 200, p);
    return p;
  }

  /** The value of one sample in a text exposition, or -1 when absent. */
  private static double sample(String exposition, String nameAndLabels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void pushgateway_holdsTheFinalCounts_ofANormalRun() throws Exception {
    requireTools("prometheus-pushgateway");
    int gw = freePort();
    pushgateway(gw);
    Path out = tmp.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(
        "-input", Paths.get("samples").toAbsolutePath().toString(), "-output", out.toString(), "-quiet",
        "--pushgateway", "http://127.0.0.1:" + gw, "--push-instance", "it-normal-run");

    assertThat(code).as(stderr.toString()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    String pushed = get(gw, "/metrics")[1];
    String labels = "{instance=\"it-normal-run\",job=\"optimizr\"}";
    assertThat(sample(pushed, "optimizr_files_processed_total" + labels))
        .isEqualTo(summary.get("processed_files").asDouble()).isEqualTo(6);
    assertThat(sample(pushed, "optimizr_output_bytes_total" + labels))
        .isEqualTo(summary.get("total_output_bytes").asDouble());
    assertThat(sample(pushed, "optimizr_processing_seconds_count" + labels)).isEqualTo(6);
    assertThat(pushed).doesNotContain("jvm_memory_used_bytes{instance=\"it-normal-run\"");

    // A shard of the same host pushes into its own group instead of overwriting the one above.
    assertThat(new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(
        "-input", Paths.get("samples").toAbsolutePath().toString(), "-output", tmp.resolve("out1").toString(),
        "-quiet", "--shard", "1/2", "--pushgateway", "http://127.0.0.1:" + gw, "--push-instance", "it-normal-run"))
        .isZero();
    JsonNode shard = new ObjectMapper().readTree(tmp.resolve("out1/summary-1-of-2.json").toFile());
    pushed = get(gw, "/metrics")[1];
    String shardLabels = "{instance=\"it-normal-run\",job=\"optimizr\",shard=\"1-of-2\"}";
    assertThat(sample(pushed, "optimizr_files_processed_total" + shardLabels))
        .isEqualTo(shard.get("processed_files").asDouble()).isLessThan(6);
    assertThat(sample(pushed, "optimizr_files_processed_total" + labels)).isEqualTo(6);
  }

  @Test
  void liveRun_promtoolAcceptsIt_prometheusScrapesIt_sigtermStillPushesTheFinalValues() throws Exception {
    requireTools("prometheus", "prometheus-pushgateway", "promtool");
    int gw = freePort();
    int metrics = freePort();
    int prom = freePort();
    pushgateway(gw);
    Path config = Files.writeString(tmp.resolve("prometheus.yml"), String.join("\n",
        "global:", "  scrape_interval: 1s", "scrape_configs:", "  - job_name: optimizr",
        "    static_configs:", "      - targets: ['127.0.0.1:" + metrics + "']", ""));
    Process prometheus = start(tmp.resolve("prometheus.log"), "prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prom);
    Path out = tmp.resolve("out");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process run = start(tmp.resolve("optimizr.log"), java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "-input", tree.resolve("in").toString(), "-output", out.toString(), "-workers", "1",
        "-quiet", "--metrics-port", Integer.toString(metrics), "--pushgateway", "http://127.0.0.1:" + gw,
        "--push-instance", "it-live-run");

    awaitStatus(metrics, "/health/ready", 200, run);
    assertThat(listenAddress(metrics)).as("listens on loopback only by default").isEqualTo("127.0.0.1");
    String first = get(metrics, "/metrics")[1];
    assertThat(promtool(first)).as("promtool check metrics").isEmpty();
    assertThat(get(metrics, "/health/live")[0]).isEqualTo("200");

    double scraped = awaitScraped(prom, prometheus, run);
    assertThat(scraped).isGreaterThanOrEqualTo(0);
    awaitRising(metrics, sample(first, "optimizr_files_processed_total"), run);

    new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(run.exitValue()).isEqualTo(143);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("interrupted").asBoolean()).isTrue();
    long converted = summary.get("processed_files").asLong();
    assertThat(converted).isPositive().isLessThan(FILES);
    String labels = "{instance=\"it-live-run\",job=\"optimizr\"}";
    assertThat(sample(get(gw, "/metrics")[1], "optimizr_files_processed_total" + labels))
        .as("pushed after SIGTERM").isEqualTo(converted);
  }

  /** Polls Prometheus's query API until it holds a sample of our counter; returns the value. */
  private static double awaitScraped(int prom, Process prometheus, Process run) throws Exception {
    String q = "/api/v1/query?query=" + URLEncoder.encode("optimizr_files_processed_total{job=\"optimizr\"}",
        StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (true) {
      String[] r = get(prom, q);
      if (r[0].equals("200")) {
        JsonNode result = new ObjectMapper().readTree(r[1]).at("/data/result");
        if (result.size() == 1) {
          return result.get(0).at("/value/1").asDouble();
        }
      }
      assertThat(prometheus.isAlive()).as("prometheus is running").isTrue();
      assertThat(run.isAlive()).as("the run outlasts the first scrape").isTrue();
      assertThat(System.nanoTime()).as("prometheus scraped the run in time").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static void awaitRising(int port, double before, Process run) throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (sample(get(port, "/metrics")[1], "optimizr_files_processed_total") <= before) {
      assertThat(run.isAlive()).isTrue();
      assertThat(System.nanoTime()).as("optimizr_files_processed_total rises").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** promtool's complaints about an exposition (empty when it passes). */
  private static String promtool(String exposition) throws Exception {
    Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0 ? report : "exit " + p.exitValue() + ": " + report;
  }

  /**
   * The local address of the socket listening on {@code port}, from /proc/net/tcp and tcp6 (the JDK often
   * binds an IPv4 address through an IPv6 socket, as {@code ::ffff:127.0.0.1}).
   */
  private static String listenAddress(int port) throws IOException {
    String hexPort = String.format("%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Paths.get(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(":" + hexPort)) {
          String hex = f[1].substring(0, f[1].indexOf(':'));
          if (hex.length() == 32 && !hex.startsWith("0000000000000000FFFF0000")) {
            return "IPv6 " + hex;
          }
          long a = Long.parseLong(hex.substring(hex.length() - 8), 16); // little-endian on x86 and arm64
          return (a & 0xff) + "." + ((a >> 8) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 24) & 0xff);
        }
      }
    }
    return "not listening";
  }
}
