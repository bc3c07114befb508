package dev.optimizr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.codec.webp.EncodeSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the edge corpus's MANIFEST.tsv: {@code convert} rows give a WebP that decodes at the
 * displayed size (stored size from the manifest's decoder columns, swapped for EXIF orientations 5–8);
 * {@code reject} rows fail with a type and leave no output; {@code either} rows never crash.
 */
class EdgeCorpusTest {
  private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");
  private static final Pattern ORIENTATION = Pattern.compile("Orientation ?= ?(\\d)");

  @TempDir Path tmp;

  /** One manifest row. */
  record Row(String path, String special, String expected, String cwebp, String jdk) {
    @Override
    public String toString() {
      return expected + " " + path;
    }

    /** Width and height as shown by a viewer honouring EXIF orientation, or null when the manifest has none. */
    int[] displayedSize() {
      Matcher m = SIZE.matcher(cwebp.startsWith("ok") ? cwebp : jdk.startsWith("ok") ? jdk : "");
      if (!m.find()) {
        return null;
      }
      int w = Integer.parseInt(m.group(1));
      int h = Integer.parseInt(m.group(2));
      Matcher o = ORIENTATION.matcher(special);
      int orientation = o.find() ? Integer.parseInt(o.group(1)) : 1;
      return orientation >= 5 && orientation <= 8 ? new int[] {h, w} : new int[] {w, h};
    }
  }

  static List<Row> rows() throws IOException {
    try (Stream<String> lines = Files.lines(TestImages.edge("MANIFEST.tsv"))) {
      return lines.skip(1).map(l -> l.split("\t", -1))
          .map(c -> new Row(c[0], c[3], c[4], c[5], c[6]))
          .collect(Collectors.toList());
    }
  }

  private final ImageConverter converter = new ImageConverter(new EncodeSettings(80, 4),
      new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false));

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void manifestRow_hasTheExpectedOutcome(Row row) throws Exception {
    Path source = TestImages.edge(row.path());
    Path target = tmp.resolve("out.webp");
    ConversionException failure = null;
    try {
      TestImages.convert(converter, source, target);
    } catch (ConversionException e) {
      failure = e;
    }
    switch (row.expected()) {
      case "convert" -> {
        assertThat(failure).as("failure converting %s", row.path()).isNull();
        BufferedImage out = TestImages.decodeWebP(target);
        int[] want = row.displayedSize();
        if (want != null) {
          assertThat(new int[] {out.getWidth(), out.getHeight()}).as("displayed size").containsExactly(want);
        }
      }
      case "reject" -> {
        assertThat(failure).as("%s should fail", row.path()).isNotNull();
        assertThat(failure.type()).isNotNull().isNotEqualTo(ErrorType.INTERNAL_ERROR);
        assertThat(failure.getMessage()).isNotBlank().doesNotContain("\n");
        assertThat(target).doesNotExist();
      }
      default -> { // either: a typed failure with no output, or a decodable WebP
        if (failure != null) {
          assertThat(target).doesNotExist();
        } else {
          assertThat(TestImages.decodeWebP(target).getWidth()).isPositive();
        }
      }
    }
  }

  @Test
  void manifestCopy_coversEveryKindOfRow() throws IOException {
    Map<String, Long> counts = rows().stream().collect(Collectors.groupingBy(Row::expected, Collectors.counting()));
    assertThat(counts).containsKeys("convert", "reject", "either");
    assertThat(counts.get("convert")).isGreaterThan(300);
  }

  /**
   * The EXIF orientation set: the same photo stored nine ways; once converted, each must look like the
   * upright Landscape_1 (only the large digit in the middle differs), and a wrong rotation or mirror would
   * differ a lot.
   */
  @Test
  void exifOrientationPhotos_allComeOutUpright() throws Exception {
    TestImages.convert(converter, TestImages.edge("exif-orientation-examples/Landscape_1.jpg"), tmp.resolve("ref.webp"));
    BufferedImage ref = TestImages.decodeWebP(tmp.resolve("ref.webp"));
    BufferedImage mirrored = new BufferedImage(ref.getWidth(), ref.getHeight(), BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < ref.getHeight(); y++) {
      for (int x = 0; x < ref.getWidth(); x++) {
        mirrored.setRGB(ref.getWidth() - 1 - x, y, ref.getRGB(x, y));
      }
    }
    double wrong = TestImages.meanAbsDiff(ref, mirrored);
    for (int n = 0; n <= 8; n++) {
      Path out = tmp.resolve("l" + n + ".webp");
      TestImages.convert(converter, TestImages.edge("exif-orientation-examples/Landscape_" + n + ".jpg"), out);
      double diff = TestImages.meanAbsDiff(ref, TestImages.decodeWebP(out));
      assertThat(diff).as("Landscape_%d vs upright (a mirrored image differs by %.1f)", n, wrong)
          .isLessThan(wrong / 4);
    }
  }
}
