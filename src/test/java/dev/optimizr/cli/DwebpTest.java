package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.Dwebp;
import dev.optimizr.TestImages;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our outputs decoded by the reference decoder, dwebp (Debian package webp), independent of the JNI binding.
 * Skipped when dwebp is missing on a developer machine; CI sets OPTIMIZR_REQUIRE_TOOLS=1 and installs it.
 */
class DwebpTest {
  @TempDir Path tmp;

  @Test
  void edgeCorpusOutputs_decodeWithDwebpAtTheirSize() throws Exception {
    Dwebp.assumeAvailable();
    Path out = tmp.resolve("out");
    new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)
        .run("-input", TestImages.edge().toString(), "-output", out.toString(), "-keep-extension");
    List<Path> webps;
    try (Stream<Path> s = Files.walk(out)) {
      webps = s.filter(p -> p.toString().endsWith(".webp")).toList();
    }
    assertThat(webps).hasSizeGreaterThan(300);
    for (Path webp : webps) {
      BufferedImage decoded = TestImages.decodeWebP(webp);
      Dwebp.assertDecodes(webp, decoded.getWidth(), decoded.getHeight());
    }
  }
}
