package dev.optimizr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The reference decoder dwebp (Debian package webp), independent of the JNI binding. Tests that need it are
 * skipped when it is missing, unless OPTIMIZR_REQUIRE_TOOLS is set (CI), where a missing dwebp fails.
 */
public final class Dwebp {
  private Dwebp() {}

  public static boolean available() {
    try {
      Process p = new ProcessBuilder("dwebp", "-version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Skips the calling test when dwebp is missing (fails it under OPTIMIZR_REQUIRE_TOOLS). */
  public static void assumeAvailable() {
    boolean available = available();
    if (System.getenv("OPTIMIZR_REQUIRE_TOOLS") != null) {
      assertThat(available).as("dwebp must be installed (apt-get install webp)").isTrue();
    }
    assumeTrue(available, "dwebp not installed: skipped (apt-get install webp)");
  }

  /** Asserts that dwebp decodes {@code webp} at {@code w}×{@code h}. */
  public static void assertDecodes(Path webp, int w, int h) throws Exception {
    Process p = new ProcessBuilder("dwebp", webp.toString(), "-o", "/dev/null").redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("dwebp %s: %s", webp, log).isZero();
    assertThat(log).as("%s", webp).contains("Dimensions: " + w + " x " + h);
  }
}
