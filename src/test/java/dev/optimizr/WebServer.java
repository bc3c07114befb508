package dev.optimizr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A web server binary (nginx, Apache's apache2) run as a child process on a loopback port, for the tests of
 * the snippets in docs/web-servers.md. Tests that need one are skipped when it is missing, unless
 * OPTIMIZR_REQUIRE_TOOLS is set (CI), where a missing server fails.
 */
public final class WebServer implements AutoCloseable {
  private final Process process;

  private WebServer(Process process) {
    this.process = process;
  }

  /**
   * The binary named {@code name} on the PATH or in /usr/sbin (not on a user's PATH on Debian); skips the calling
   * test when it is missing (fails it under OPTIMIZR_REQUIRE_TOOLS).
   *
   * @param debianPackage what to install, for the message
   */
  public static Path require(String name, String debianPackage) {
    Path found = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst().orElse(null);
    if (System.getenv("OPTIMIZR_REQUIRE_TOOLS") != null) {
      assertThat(found).as("%s must be installed (apt-get install %s)", name, debianPackage).isNotNull();
    }
    assumeTrue(found != null, name + " not installed: skipped (apt-get install " + debianPackage + ")");
    return found;
  }

  /** Runs {@code command} to its end (at most 60 s); returns its exit status and prints its output into {@code log}. */
  public static int run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(command + " did not finish in 60 s");
    }
    return p.exitValue();
  }

  /** A port nobody listens on right now (another process may take it before the server does: rare). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code command} (a server staying in the foreground) and waits until it accepts on {@code port}. */
  public static WebServer start(List<String> command, int port, Path log) throws Exception {
    WebServer server = new WebServer(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
        return server;
      } catch (IOException e) {
        if (!server.process.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new AssertionError(command + " did not start listening on port " + port + ":\n"
              + Files.readString(log), e);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
