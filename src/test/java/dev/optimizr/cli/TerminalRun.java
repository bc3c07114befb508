package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * optimizr in a child JVM on a real pseudo-terminal of a fixed size (python3's {@code pty} module drives it,
 * see pty-run.py): the test reads the bytes the terminal received and types keys, Ctrl+C included. Not
 * thread-safe; one per test.
 */
final class TerminalRun implements AutoCloseable {
  /** Generous: a loaded machine with several JVMs building at once. */
  static final long TIMEOUT_SECONDS = 120;

  private final Process driver;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final Thread reader;

  private TerminalRun(Process driver) {
    this.driver = driver;
    InputStream in = driver.getInputStream();
    reader = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          synchronized (screen) {
            screen.write(buf, 0, n);
            screen.notifyAll();
          }
        }
      } catch (IOException e) {
        // the driver ended
      }
    }, "pty-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Skips the test when python3 is missing (fails it under OPTIMIZR_REQUIRE_TOOLS, as in CI). */
  static void requirePython() throws Exception {
    boolean available;
    try {
      available = new ProcessBuilder("python3", "-c", "import pty").start().waitFor() == 0;
    } catch (IOException e) {
      available = false;
    }
    if (System.getenv("OPTIMIZR_REQUIRE_TOOLS") != null) {
      assertThat(available).as("python3 must be installed (apt-get install python3)").isTrue();
    }
    assumeTrue(available, "python3 not installed: skipped");
  }

  /** Starts {@code optimizr args…} on a terminal of {@code cols} × 24. */
  static TerminalRun start(int cols, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3", driverScript(), Integer.toString(cols), "24",
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("COLUMNS");
    return new TerminalRun(pb.start());
  }

  private static String driverScript() throws URISyntaxException {
    return Path.of(TerminalRun.class.getResource("pty-run.py").toURI()).toString();
  }

  /** Presses keys: {@code "\u0003"} is Ctrl+C. */
  void type(String keys) throws IOException {
    OutputStream in = driver.getOutputStream();
    in.write(keys.getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** The optimizr JVM (the driver's child), to send it a signal as {@code kill} would. */
  ProcessHandle optimizr() {
    return driver.children().findFirst().orElseThrow();
  }

  /** Everything the terminal received so far, decoded. */
  String output() {
    synchronized (screen) {
      return screen.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until the output satisfies {@code condition}; fails (showing the output) after the timeout. */
  String await(String what, Predicate<String> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    synchronized (screen) {
      while (!condition.test(output())) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !reader.isAlive()) {
          throw new AssertionError("waiting for " + what + "; the terminal shows:\n" + output());
        }
        screen.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
      }
      return output();
    }
  }

  /** Waits until at least {@code n} WebP files exist under {@code out}. */
  void awaitOutputs(Path out, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (ChildRun.files(out, ".webp").size() < n) {
      if (System.nanoTime() > deadline || !driver.isAlive()) {
        throw new AssertionError("waiting for " + n + " outputs; the terminal shows:\n" + output());
      }
      Thread.sleep(50);
    }
  }

  /** Waits for the run to end; returns its exit status (128+N when signal N killed it). */
  int exitCode() throws InterruptedException {
    assertThat(driver.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("ended; output:%n%s", output()).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return driver.exitValue();
  }

  @Override
  public void close() {
    driver.descendants().forEach(ProcessHandle::destroyForcibly);
    driver.destroyForcibly();
  }
}
