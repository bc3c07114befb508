package dev.optimizr.codec.jpeg.progressive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.ImageDecoder;
import dev.optimizr.codec.ImageFormat;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Progressive JPEGs transcoded to baseline decode to exactly the pixels the JDK's reader makes of the
 * original, and whatever the transcoder does not take decodes as before.
 */
class ProgressiveJpegTest {
  private static final DecodeLimits LIMITS = new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false);

  /** Complete progressive files: sampling 4:2:0, 4:2:2, 4:4:0, 4:4:4, gray, CMYK, restarts, odd sizes. */
  static Stream<Path> complete() throws Exception {
    Path dir = Paths.get(ProgressiveJpegTest.class.getResource("/progressive/make.sh").toURI()).getParent();
    Stream<Path> made = Files.list(dir).filter(p -> p.toString().endsWith(".jpg")).sorted();
    return Stream.concat(made, Stream.of(TestImages.edge("libjpeg-turbo/testimgp.jpg"),
        TestImages.edge("wuffs/peacock.progressive.jpeg")));
  }

  /** Progressive files libjpeg would not show as a plain decode of all coefficients, or damaged. */
  static Stream<Path> notTranscoded() {
    return Stream.concat(Stream.of(0, 1, 2, 3, 4, 5, 6, 7, 8)
        .map(i -> TestImages.edge("wuffs/peacock.progressive.scan00" + i + ".jpeg")),
        Stream.of(TestImages.edge("wuffs/peacock.progressive.truncated.jpeg")));
  }

  @ParameterizedTest
  @MethodSource("complete")
  void completeProgressiveFile_becomesBaselineWithTheSamePixels(Path file) throws Exception {
    byte[] original = Files.readAllBytes(file);
    assertThat(ProgressiveJpeg.frame(original)).isNotNull();

    byte[] baseline = ProgressiveJpeg.toBaseline(original);

    assertThat(baseline).as("transcoded").isNotNull();
    assertThat(ProgressiveJpeg.frame(baseline)).as("no longer progressive").isNull();
    assertThat(samples(baseline)).isEqualTo(samples(original));
  }

  @ParameterizedTest
  @MethodSource("complete")
  void imageDecoder_transcodingOrNot_decodesTheSameImage(Path file) throws Exception {
    byte[] data = Files.readAllBytes(file);
    assertThat(pixels(decode(data, true))).isEqualTo(pixels(decode(data, false)));
  }

  @ParameterizedTest
  @MethodSource("notTranscoded")
  void partialOrTruncatedProgression_isLeftToTheJdkReader(Path file) throws Exception {
    byte[] data = Files.readAllBytes(file);
    assertThat(ProgressiveJpeg.toBaseline(data)).isNull();
    assertThat(pixels(decode(data, true))).isEqualTo(pixels(decode(data, false)));
  }

  /**
   * Damaged progressive files (seeded bit flips, overwritten bytes, cuts with an EOI appended): each one is
   * either left to the JDK reader, or transcoded into a file that decodes to the same pixels with the same
   * warnings as the damaged original (which strict mode turns into a failure); none makes the transcoder throw.
   */
  @ParameterizedTest
  @MethodSource("damageSources")
  void damagedFile_isRefusedOrDecodesExactlyAsTheOriginal(Path file) throws Exception {
    byte[] original = Files.readAllBytes(file);
    java.util.Random random = new java.util.Random(file.getFileName().toString().hashCode());
    int transcoded = 0;
    for (int m = 0; m < 90; m++) {
      byte[] d = original.clone();
      if (m % 3 == 0) {
        d[200 + random.nextInt(d.length - 202)] ^= (byte) (1 << random.nextInt(8));
      } else if (m % 3 == 1) {
        d[2 + random.nextInt(d.length - 4)] = (byte) random.nextInt(256);
      } else {
        int cut = 100 + random.nextInt(d.length - 100);
        d = java.util.Arrays.copyOf(d, cut + 2);
        d[cut] = (byte) 0xFF;
        d[cut + 1] = (byte) 0xD9;
      }
      byte[] baseline = ProgressiveJpeg.toBaseline(d);
      if (baseline == null) {
        continue;
      }
      transcoded++;
      List<String> originalWarnings = new java.util.ArrayList<>();
      List<String> baselineWarnings = new java.util.ArrayList<>();
      int[] expected;
      try {
        expected = samples(d, originalWarnings);
      } catch (javax.imageio.IIOException e) {
        continue; // the JDK refuses the damaged original; what it makes of the baseline matters less
      }
      assertThat(samples(baseline, baselineWarnings)).as("mutant %d", m).isEqualTo(expected);
      assertThat(baselineWarnings).as("mutant %d", m).isEqualTo(originalWarnings);
    }
    assertThat(transcoded).as("some damage is harmless (e.g. in a Huffman table's unused codes)").isPositive();
  }

  static List<Path> damageSources() throws Exception {
    Path dir = Paths.get(ProgressiveJpegTest.class.getResource("/progressive/make.sh").toURI()).getParent();
    return List.of(dir.resolve("prog-444.jpg"), dir.resolve("prog-restart-5.jpg"), dir.resolve("prog-gray.jpg"),
        TestImages.edge("libjpeg-turbo/testimgp.jpg"));
  }

  /** A progressive JPEG whose coefficients would not fit the heap set aside for them keeps the JDK's decode. */
  @org.junit.jupiter.api.Test
  void progressiveFileTooLargeForTheTranscodersHeap_isDecodedByTheJdkReader() throws Exception {
    byte[] data = Files.readAllBytes(TestImages.edge("libjpeg-turbo/testimgp.jpg"));
    long needs = ProgressiveJpeg.frame(data).coefficientBytes() + data.length + data.length / 4;
    DecodeLimits limits = new DecodeLimits(LIMITS.maxPixels(), false);
    try (ImageDecoder fits = ImageDecoder.open(data, ImageFormat.JPEG, limits, needs);
        ImageDecoder tooSmall = ImageDecoder.open(data, ImageFormat.JPEG, limits, needs - 1)) {
      assertThat(fits.estimatedHeapBytes()).as("counts the transcoder").isGreaterThan(tooSmall.estimatedHeapBytes());
      assertThat(pixels(tooSmall.decode().image())).isEqualTo(pixels(fits.decode().image()));
    }
  }

  @ParameterizedTest
  @MethodSource("baseline")
  void baselineJpeg_isNotTouched(Path file) throws Exception {
    assertThat(ProgressiveJpeg.frame(Files.readAllBytes(file))).isNull();
  }

  static List<Path> baseline() {
    return List.of(TestImages.edge("libjpeg-turbo/testorig.jpg"), TestImages.edge("wuffs/peacock.default.jpeg"));
  }

  private static BufferedImage decode(byte[] data, boolean transcode) throws ConversionException {
    try (ImageDecoder d = ImageDecoder.open(data, ImageFormat.JPEG, new DecodeLimits(LIMITS.maxPixels(), true),
        transcode ? Long.MAX_VALUE : 0)) {
      return d.decode().image();
    }
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static int[] samples(byte[] jpeg) throws Exception {
    return samples(jpeg, new java.util.ArrayList<>());
  }

  /** The samples libjpeg produces, before any colour conversion, through the JDK's own reader. */
  private static int[] samples(byte[] jpeg, List<String> warnings) throws Exception {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
    ImageReader reader = null;
    while (it.hasNext()) {
      ImageReader r = it.next();
      if (r.getClass().getName().startsWith("com.sun.imageio")) {
        reader = r;
      }
    }
    assertThat(reader).isNotNull();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in);
      Raster raster = reader.readRaster(0, null);
      return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
    } finally {
      reader.dispose();
    }
  }
}
