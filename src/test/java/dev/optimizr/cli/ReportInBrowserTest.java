package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.Chromium;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of a real run over samples/ (plus a file named like an HTML tag and a file that is not an image),
 * loaded in headless Chromium: what a person opening it would see.
 */
class ReportInBrowserTest {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>.jpg";

  @TempDir static Path tmp;
  static Path out;
  static JsonNode summary;

  @BeforeAll
  static void run() throws Exception {
    Path in = tmp.resolve("in");
    try (Stream<Path> files = Files.walk(Paths.get("samples"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path target = in.resolve(Paths.get("samples").relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
    Files.createDirectories(in.resolve("odd"));
    Files.copy(Paths.get("samples/photos/plasma-640x480.jpg"), in.resolve("odd").resolve(HOSTILE));
    Files.writeString(in.resolve("odd/not-an-image.jpg"), "hello");
    out = tmp.resolve("out");
    int code = new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)
        .run("-input", in.toString(), "-output", out.toString(), "-quiet", "-audit", "all");
    assertThat(code).isEqualTo(1); // the file that is not an image
    summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  @Test
  void domNumbers_equalSummaryJson_andHostileNameIsText() throws Exception {
    Chromium.assumeAvailable();
    String dom = Chromium.dumpDom(out.resolve("report.html"), tmp);
    for (String field : List.of("processed_files", "failed_files", "skipped_files", "total_input_bytes",
        "total_output_bytes", "space_saving_percent", "duration_seconds", "images_per_second", "audit_count",
        "audit_ssim_min", "audit_ssim_p5", "audit_ssim_median")) {
      Matcher m = Pattern.compile("id=\"" + field + "\" data-value=\"([^\"]*)\"").matcher(dom);
      assertThat(m.find()).as("%s in the DOM", field).isTrue();
      assertThat(Double.parseDouble(m.group(1))).as(field).isEqualTo(summary.get(field).asDouble());
    }
    assertThat(summary.get("audit_count").asLong()).isEqualTo(summary.get("processed_files").asLong());
    // shown as text (escaped in the serialised DOM), never parsed into an element
    assertThat(dom).contains("odd/&lt;img src=x onerror=alert(1)&gt;.jpg").doesNotContain("<img src=x");
    assertThat(dom).contains("UNSUPPORTED_FORMAT").contains("odd/not-an-image.jpg");
  }

  @Test
  void page_loadsWithoutConsoleErrors_galleryImagesDecode_andNothingRuns() throws Exception {
    Chromium.assumeAvailable();
    try (Chromium.Page page = Chromium.Page.open(out.resolve("report.html"), tmp)) {
      JsonNode images = page.eval("Promise.all(Array.from(document.images).map(i => i.decode()"
          + ".then(() => i.naturalWidth, () => 0)))");
      assertThat(images.size()).as("4 pictures per gallery entry").isEqualTo(4 * 7);
      images.forEach(w -> assertThat(w.asInt()).as("decoded width").isPositive());
      assertThat(page.eval("document.querySelectorAll('svg').length").asInt()).isGreaterThanOrEqualTo(6);
      assertThat(page.eval("document.querySelectorAll('script').length").asInt()).isZero();
      assertThat(page.eval("document.body.innerText.includes('" + HOSTILE + "')").asBoolean()).isTrue();
      assertThat(page.errors()).isEmpty();
    }
  }

  @Test
  void screenshot_isNotBlank() throws Exception {
    Chromium.assumeAvailable();
    Path png = Chromium.screenshot(out.resolve("report.html"), tmp.resolve("shot.png"), 900, 1400, tmp);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).isNotNull();
    long dark = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int v = img.getRGB(x, y);
        dark += ((v >> 16) & 0xFF) + ((v >> 8) & 0xFF) + (v & 0xFF) < 600 ? 1 : 0;
      }
    }
    // text, cards and charts: well over 1 % of the sampled pixels are not (near) white
    assertThat(dark).isGreaterThan(img.getWidth() * img.getHeight() / 4 / 100);
  }
}
