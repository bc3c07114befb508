package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our outputs decoded by the reference decoder, dwebp (Debian package webp), independent of the JNI binding.
 * Skipped when dwebp is missing on a developer machine; CI sets OPTIMIZR_REQUIRE_TOOLS=1 and installs it.
 */
class DwebpTest {
  @TempDir Path tmp;

  private static boolean dwebpAvailable() {
    try {
      Process p = new ProcessBuilder("dwebp", "-version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void edgeCorpusOutputs_decodeWithDwebpAtTheirSize() throws Exception {
    boolean available = dwebpAvailable();
    if (System.getenv("OPTIMIZR_REQUIRE_TOOLS") != null) {
      assertThat(available).as("dwebp must be installed (apt-get install webp)").isTrue();
    }
    assumeTrue(available, "dwebp not installed: skipped (apt-get install webp)");
    Path out = tmp.resolve("out");
    new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)
        .run("-input", TestImages.edge().toString(), "-output", out.toString(), "-keep-extension");
    List<Path> webps;
    try (Stream<Path> s = Files.walk(out)) {
      webps = s.filter(p -> p.toString().endsWith(".webp")).toList();
    }
    assertThat(webps).hasSizeGreaterThan(300);
    for (Path webp : webps) {
      Process p = new ProcessBuilder("dwebp", webp.toString(), "-o", "/dev/null").redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("dwebp %s: %s", webp, log).isZero();
      int w = TestImages.decodeWebP(webp).getWidth();
      int h = TestImages.decodeWebP(webp).getHeight();
      assertThat(log).as("%s", webp).contains("Dimensions: " + w + " x " + h);
    }
  }
}
