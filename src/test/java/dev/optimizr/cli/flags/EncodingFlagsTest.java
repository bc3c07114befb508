package dev.optimizr.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.Dwebp;
import dev.optimizr.TestImages;
import dev.optimizr.WebPChunks;
import dev.optimizr.cli.Optimizr;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encoding flags as a user types them: conflicts, -if-larger, -target-ssim reporting, summary settings. */
class EncodingFlagsTest {
  @TempDir Path tmp;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
  }

  private Path input(String... edgeFiles) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (String f : edgeFiles) {
      Files.copy(TestImages.edge(f), in.resolve(Path.of(f).getFileName().toString()));
    }
    return in;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-lossless -target-psnr 40|-target-psnr only applies to lossy encoding and cannot be combined with -lossless",
      "-lossless -target-size 5000|-target-size only applies to lossy encoding and cannot be combined with -lossless",
      "-near-lossless 60 -preset photo|-preset only applies to lossy encoding and cannot be combined with -near-lossless",
      "-lossless -sharp-yuv|-sharp-yuv only applies to lossy encoding and cannot be combined with -lossless",
      "-lossless -alpha-quality 50|-alpha-quality only applies to lossy encoding and cannot be combined with -lossless",
      "-lossless -target-ssim 0.95|-target-ssim only applies to lossy encoding and cannot be combined with -lossless",
      "-lossless -png lossy|-png lossy contradicts -lossless, which makes every image lossless",
      "-target-size 5000 -target-psnr 40|-target-size and -target-psnr cannot be combined: each sets what the encoder aims for",
      "-target-ssim 0.95 -target-size 5000|-target-ssim cannot be combined with -target-size: each sets what the encoder aims for",
      "-target-ssim 0.95 -quality 70|-target-ssim chooses the quality of each image: drop -quality",
      "-method 7|-method must be between 0 and 6, got 7",
      "-near-lossless 101|-near-lossless must be between 0 and 100, got 101",
      "-alpha-quality -1|-alpha-quality must be between 0 and 100, got -1",
      "-target-ssim 0.5|-target-ssim must be between 0.90 and 0.999, got 0.5",
      "-max-width -1|-max-width must be at least 0 (0 is no limit), got -1",
      "-max-height -2|-max-height must be at least 0 (0 is no limit), got -2",
      "-target-size -1|-target-size must be at least 0 (0 is off), got -1",
      "-target-psnr 120|-target-psnr must be between 0 (off) and 99 dB, got 120.0",
      "-png best|-png must be one of auto, lossy, lossless, got 'best'",
      "-preset landscape|-preset must be one of default, picture, photo, drawing, icon, text, got 'landscape'",
      "-metadata gps|-metadata must be none, all, or a comma-separated list of icc, exif, xmp; got 'gps'",
  })
  void conflictingOrBadEncodingFlags_exit2WithOneLine(String flags, String message) throws Exception {
    String[] args = Stream.concat(Stream.of("-input", input().toString(), "-output", tmp.resolve("o").toString()),
        Stream.of(flags.split(" "))).toArray(String[]::new);
    assertThat(run(args)).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("optimizr: " + message + " (see --help)" + System.lineSeparator());
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  /** gray-alpha-16.png (859 B) becomes a larger WebP at the default settings. */
  @Test
  void ifLargerSkip_writesNothing_countsAndNamesIt_andTheNextRunSkipsIt() throws Exception {
    Path in = input("libpng/contrib-testpngs/rgb-16-1.8.png", "wuffs/hat.jpeg");
    Path o = tmp.resolve("o");
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-if-larger", "skip", "-png", "lossy",
        "-verbose", "-quiet")).isZero();
    assertThat(out.toString()).containsPattern("LARGER rgb-16-1.8.png .*: larger than the source, not written");
    assertThat(o.resolve("rgb-16-1.8.webp")).doesNotExist();
    assertThat(o.resolve("hat.webp")).exists();
    JsonNode s = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
    assertThat(s.get("output_larger_than_input_files").asLong()).isEqualTo(1);
    assertThat(s.get("processed_files").asLong()).isEqualTo(2);
    assertThat(s.get("total_output_bytes").asLong())
        .isEqualTo(Files.size(o.resolve("hat.webp")) + Files.size(in.resolve("rgb-16-1.8.png")));
    assertThat(s.get("settings").get("if_larger").asText()).isEqualTo("skip");

    assertThat(run("-input", in.toString(), "-output", o.toString(), "-if-larger", "skip", "-png", "lossy",
        "-quiet")).isZero();
    assertThat(out.toString()).contains("0 of 2 images converted, 0 failed, 2 skipped");

    // Default keep: written, still counted and named.
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-png", "lossy", "-verbose", "-quiet")).isZero();
    assertThat(out.toString()).containsPattern("OK rgb-16-1.8.png .*, larger than the source");
    assertThat(o.resolve("rgb-16-1.8.webp")).exists();
  }

  @Test
  void targetSsim_showsTheChosenQualityPerFile_andAHistogramInTheSummary() throws Exception {
    Path in = input("wuffs/hat.jpeg", "libjpeg-turbo/testorig.jpg", "wuffs/peacock.default.jpeg");
    Path o = tmp.resolve("o");
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-target-ssim", "0.97", "-verbose",
        "-quiet")).isZero();
    assertThat(out.toString()).containsPattern("OK hat.jpeg .*, q\\d+ SSIM 0\\.9[7-9]\\d\\d");
    JsonNode s = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
    JsonNode hist = s.get("target_ssim_quality_histogram");
    long total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = hist.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertThat(Integer.parseInt(e.getKey())).isBetween(0, 100);
      total += e.getValue().asLong();
    }
    assertThat(total).isEqualTo(3);
    assertThat(s.get("settings").get("target_ssim").asDouble()).isEqualTo(0.97);
  }

  @Test
  void settingsChange_reconverts() throws Exception {
    Path in = input("wuffs/hat.jpeg");
    Path o = tmp.resolve("o");
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-quiet")).isZero();
    long before = Files.size(o.resolve("hat.webp"));
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-quiet", "-method", "0")).isZero();
    assertThat(out.toString()).contains("1 of 1 images converted");
    assertThat(Files.size(o.resolve("hat.webp"))).isNotEqualTo(before);
  }

  /** dwebp accepts every container optimizr writes: plain, VP8X with ICC/EXIF/XMP, lossless, lossy alpha. */
  @Test
  void everyContainerKind_decodesWithDwebp() throws Exception {
    Dwebp.assumeAvailable();
    Path in = input("exif-orientation-examples/Landscape_6.jpg", "synthetic/icc-widegamut-rgb.jpg",
        "libjpeg-turbo/vgl_5674_0098.png", "synthetic/gray-alpha-8bit.png", "synthetic/palette-trns.png",
        "pngsuite/basn6a08.png");
    Path o = tmp.resolve("o");
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-metadata", "all", "-max-width", "600",
        "-lossless", "-quiet")).isZero();
    assertThat(run("-input", in.toString(), "-output", tmp.resolve("lossy").toString(), "-metadata", "all",
        "-png", "lossy", "-quiet")).isZero();
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    try (Stream<Path> s = Stream.concat(Files.list(o), Files.list(tmp.resolve("lossy")))) {
      for (Path webp : s.filter(p -> p.toString().endsWith(".webp")).toList()) {
        kinds.add(String.join("+", WebPChunks.fourCcs(webp)));
        java.awt.image.BufferedImage img = TestImages.decodeWebP(webp);
        Dwebp.assertDecodes(webp, img.getWidth(), img.getHeight());
      }
    }
    assertThat(kinds).contains("VP8X+VP8 +EXIF", "VP8X+VP8L+EXIF", "VP8X+ICCP+VP8 ", "VP8X+ICCP+VP8L",
        "VP8X+ALPH+VP8 ", "VP8L");
  }
}
