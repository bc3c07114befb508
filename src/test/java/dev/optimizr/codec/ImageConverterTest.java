package dev.optimizr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.optimizr.TestImages;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.io.AtomicFileWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageConverterTest {
  @TempDir Path tmp;

  private final ImageConverter strict = converter(false);

  private static ImageConverter converter(boolean lenient) {
    return new ImageConverter(new EncodeSettings(80, 4), new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, lenient));
  }

  private BufferedImage convert(String edgeFile) throws Exception {
    Path out = tmp.resolve("out.webp");
    TestImages.convert(strict, TestImages.edge(edgeFile), out);
    return TestImages.decodeWebP(out);
  }

  private ErrorType failure(ImageConverter c, Path source) {
    try {
      TestImages.convert(c, source, tmp.resolve("fail/x.webp"));
    } catch (ConversionException e) {
      return e.type();
    }
    throw new AssertionError(source + " converted but should have failed");
  }

  @Test
  void grayAlphaPng_roundTripsGrayAndAlpha() throws Exception {
    BufferedImage src = ImageIO.read(TestImages.edge("synthetic/gray-alpha-8bit.png").toFile());
    BufferedImage out = convert("synthetic/gray-alpha-8bit.png");
    assertThat(out.getWidth()).isEqualTo(128);
    for (int[] p : new int[][] {{10, 10}, {64, 64}, {120, 100}, {100, 5}}) {
      int s = src.getRaster().getSample(p[0], p[1], 0);
      int a = src.getRaster().getSample(p[0], p[1], 1);
      int o = out.getRGB(p[0], p[1]);
      assertThat((o >>> 24) & 0xFF).as("alpha at %s", p).isCloseTo(a, within(8));
      if (a > 32) { // colour under near-transparent pixels is not meaningful after lossy alpha
        assertThat((o >> 8) & 0xFF).as("gray at %s", p).isCloseTo(s, within(10));
      }
    }
  }

  @Test
  void rgb16Png_convertsWithItsColours() throws Exception {
    BufferedImage src = ImageIO.read(TestImages.edge("synthetic/rgb-16bit.png").toFile());
    double[] want = {0, 0, 0};
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        for (int b = 0; b < 3; b++) {
          want[b] += src.getRaster().getSample(x, y, b) / 257.0 / (src.getWidth() * src.getHeight());
        }
      }
    }
    double[] got = TestImages.meanRgb(convert("synthetic/rgb-16bit.png"));
    assertThat(got[0]).isCloseTo(want[0], within(2.0));
    assertThat(got[1]).isCloseTo(want[1], within(2.0));
    assertThat(got[2]).isCloseTo(want[2], within(2.0));
  }

  /** Reference: ImageMagick 6.9.11 reading the CMYK/YCCK files (mean sRGB 82,80,77, per MANIFEST.tsv). */
  @Test
  void cmykAndYcckJpegs_haveTheReferenceMeanColour() throws Exception {
    for (String f : new String[] {"synthetic/cmyk-adobe.jpg", "synthetic/ycck-adobe.jpg"}) {
      double[] m = TestImages.meanRgb(convert(f));
      assertThat(m[0]).as(f).isCloseTo(82, within(4.0));
      assertThat(m[1]).as(f).isCloseTo(80, within(4.0));
      assertThat(m[2]).as(f).isCloseTo(77, within(4.0));
    }
  }

  /**
   * Reference computed independently with LCMS in ImageMagick: {@code convert icc-widegamut-rgb.jpg
   * -profile /usr/share/color/icc/ghostscript/srgb.icc ref.png} has mean 76.1, 77.8, 73.3. Left unconverted
   * (the naive result) the mean is 82, 80, 77.
   */
  @Test
  void embeddedWideGamutProfile_isConvertedToSrgb() throws Exception {
    double[] m = TestImages.meanRgb(convert("synthetic/icc-widegamut-rgb.jpg"));
    assertThat(m[0]).isCloseTo(76.1, within(1.5));
    assertThat(m[1]).isCloseTo(77.8, within(1.5));
    assertThat(m[2]).isCloseTo(73.3, within(1.5));
  }

  /**
   * Cameras and editors embed their own copy of sRGB (HP's "sRGB IEC61966-2.1" in most photos, the ICC's
   * "sRGB2014"), which the JPEG reader took for a foreign profile. Such a JPEG
   * must give exactly the pixels of the same JPEG without the profile: converting sRGB to sRGB through LCMS
   * only adds rounding (and, in the JPEG reader, a second raster and twice the decode time).
   */
  @Test
  void jpegWithAVendorsSrgbProfile_convertsExactlyAsWithoutIt() throws Exception {
    byte[] plain = Files.readAllBytes(TestImages.edge("synthetic/plasma-640x480.jpg"));
    // sRGB2014, the ICC's own sRGB (v2, curves as tables), from a 12-bit JPEG the JDK cannot decode
    byte[] srgb = TestImages.jpegIccProfile(Files.readAllBytes(TestImages.edge("libjpeg-turbo/monkey12.jpg")));
    Path tagged = Files.write(tmp.resolve("tagged.jpg"), TestImages.withJpegIccProfile(plain, srgb));
    Path untagged = Files.write(tmp.resolve("plain.jpg"), plain);
    TestImages.convert(strict, tagged, tmp.resolve("tagged.webp"));
    TestImages.convert(strict, untagged, tmp.resolve("plain.webp"));
    assertThat(tmp.resolve("tagged.webp")).hasSameBinaryContentAs(tmp.resolve("plain.webp"));
  }

  /**
   * A profile LCMS cannot use (here an RGB profile with no colorant or curve tags: "Couldn't link the
   * profiles") must not fail the image: it converts with its colours as stored, as browsers show it, and says so.
   */
  @Test
  void unusableIccProfile_convertsWithColoursAsStoredAndAWarning() throws Exception {
    byte[] plain = Files.readAllBytes(TestImages.edge("synthetic/plasma-640x480.jpg"));
    byte[] profile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
    java.nio.ByteBuffer tags = java.nio.ByteBuffer.wrap(profile);
    for (int i = 0, n = tags.getInt(128); i < n; i++) { // keep only the white point: no way to reach sRGB
      if (tags.getInt(132 + 12 * i) == java.awt.color.ICC_Profile.icSigMediaWhitePointTag) {
        System.arraycopy(profile, 132 + 12 * i, profile, 132, 12);
      }
    }
    tags.putInt(128, 1);
    Path broken = Files.write(tmp.resolve("broken.jpg"), TestImages.withJpegIccProfile(plain, profile));
    Path untagged = Files.write(tmp.resolve("plain.jpg"), plain);

    ImageConverter.Converted c = TestImages.convert(strict, broken, tmp.resolve("broken.webp"));
    TestImages.convert(strict, untagged, tmp.resolve("plain.webp"));

    assertThat(c.warnings()).singleElement().asString().startsWith("ICC profile not usable, colours kept as stored");
    assertThat(tmp.resolve("broken.webp")).hasSameBinaryContentAs(tmp.resolve("plain.webp"));
  }

  @Test
  void headerBombs_failAsTooLargeWithoutDecoding() {
    // 65000x65000 RGB would need ~12.7 GB; the test JVM has 2 GB, so an attempt would die with OOM instead.
    assertThat(failure(strict, TestImages.edge("synthetic/bomb-sof-65000x65000.jpg"))).isEqualTo(ErrorType.TOO_LARGE);
    assertThat(failure(strict, TestImages.edge("synthetic/bomb-ihdr-100000x100000.png"))).isEqualTo(ErrorType.TOO_LARGE);
    assertThat(failure(strict, TestImages.edge("synthetic/bomb-20000x20000-1bit.png"))).isEqualTo(ErrorType.TOO_LARGE);
  }

  @Test
  void webpSideLimit_16383Converts_16384IsTooLarge() throws Exception {
    Path ok = TestImages.write(new BufferedImage(16383, 2, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("ok.png"));
    Path big = TestImages.write(new BufferedImage(2, 16384, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("big.png"));
    ImageConverter.Converted c = TestImages.convert(strict, ok, tmp.resolve("ok.webp"));
    assertThat(c.width()).isEqualTo(16383);
    assertThat(TestImages.decodeWebP(tmp.resolve("ok.webp")).getWidth()).isEqualTo(16383);
    assertThatThrownBy(() -> TestImages.convert(strict, big, tmp.resolve("big.webp")))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("16383")
        .extracting(e -> ((ConversionException) e).type()).isEqualTo(ErrorType.TOO_LARGE);
    assertThat(tmp.resolve("big.webp")).doesNotExist();
  }

  @Test
  void maxPixels_refusesLargerImages() throws Exception {
    Path src = TestImages.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("a.png"));
    ImageConverter small = new ImageConverter(new EncodeSettings(80, 4), new DecodeLimits(9_999, false));
    assertThat(failure(small, src)).isEqualTo(ErrorType.TOO_LARGE);
  }

  @Test
  void truncatedJpeg_failsByDefault_convertsWithWarningWhenLenient() throws Exception {
    Path src = TestImages.edge("synthetic/truncated-half.jpg");
    assertThatThrownBy(() -> TestImages.convert(strict, src, tmp.resolve("t.webp")))
        .hasMessageContaining("truncated")
        .extracting(e -> ((ConversionException) e).type()).isEqualTo(ErrorType.CORRUPT_INPUT);
    ImageConverter.Converted c = TestImages.convert(converter(true), src, tmp.resolve("t.webp"));
    assertThat(c.warnings()).isNotEmpty();
    assertThat(TestImages.decodeWebP(tmp.resolve("t.webp")).getWidth()).isEqualTo(640);
  }

  @Test
  void pngWithBadCrc_failsAsCorrupt() {
    assertThat(failure(strict, TestImages.edge("pngsuite/xcsn0g01.png"))).isEqualTo(ErrorType.CORRUPT_INPUT);
  }

  @Test
  void nonImageContentNamedLikeAnImage_isUnsupported() throws Exception {
    Path gif = Files.write(tmp.resolve("x.jpg"), "GIF89a\1\0\1\0\0\0\0;".getBytes("US-ASCII"));
    assertThat(failure(strict, gif)).isEqualTo(ErrorType.UNSUPPORTED_FORMAT);
    assertThat(failure(strict, TestImages.edge("synthetic/empty.jpg"))).isEqualTo(ErrorType.UNSUPPORTED_FORMAT);
    assertThat(failure(strict, TestImages.edge("synthetic/text-file.png"))).isEqualTo(ErrorType.UNSUPPORTED_FORMAT);
  }

  @Test
  void pngNamedJpg_convertsByContent() throws Exception {
    assertThat(convert("synthetic/png-content-named.jpg").getWidth()).isEqualTo(320);
    assertThat(convert("synthetic/jpeg-content-named.png").getWidth()).isEqualTo(320);
  }

  @Test
  void failedWrite_isIoErrorAndLeavesNoFile() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("blocker"), "a file where a directory should be");
    Path target = blocker.resolve("sub/out.webp");
    assertThatThrownBy(() -> TestImages.convert(strict, TestImages.edge("synthetic/plasma-640x480.jpg"), target))
        .extracting(e -> ((ConversionException) e).type()).isEqualTo(ErrorType.IO_ERROR);
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(p -> AtomicFileWriter.isTemp(p.getFileName().toString()))).isEmpty();
    }
  }

  @Test
  void onePixelImage_converts() throws Exception {
    Path src = TestImages.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB), "png", tmp.resolve("1.png"));
    TestImages.convert(strict, src, tmp.resolve("1.webp"));
    BufferedImage out = TestImages.decodeWebP(tmp.resolve("1.webp"));
    assertThat(out.getWidth()).isEqualTo(1);
    assertThat(out.getHeight()).isEqualTo(1);
  }
}
