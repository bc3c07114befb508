package dev.optimizr.bench;

import dev.optimizr.codec.pixels.ColorProfiles;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.quality.GraphicsDetector;
import dev.optimizr.codec.meta.Orientation;
import dev.optimizr.codec.pixels.Upright;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.WebPEncoder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The steps around the encode, on 2-MP pixels: orientation and ICC conversion to sRGB (the photo's RGB), and
 * {@code -png auto}'s test whether a lossless encode is worth trying (the RGBA photo and the palette image).
 * Each runs only for some images; these are their costs when they do. One thread per fork.
 */
public class PixelStepsBenchmark extends HotPathBenchmark {
  private Pixels photo;
  private Pixels photoWithAlpha;
  private long photoWithAlphaLossy;
  private Pixels palette;
  private long paletteLossy;
  private EncodeSettings lossless;
  private ICC_Profile linearRgb;

  @Setup
  public void setUp() throws ConversionException {
    photo = Input.JPEG_RGB.pixels(Input.JPEG_RGB.file());
    photoWithAlpha = Input.PNG_RGBA.pixels(Input.PNG_RGBA.file());
    palette = Input.PNG_PALETTE.pixels(Input.PNG_PALETTE.file());
    // -png auto asks after the lossy encode, comparing its size with the lossless estimate
    EncodeSettings lossy = new EncodeSettings(80, EncodeSettings.DEFAULT_METHOD);
    photoWithAlphaLossy = WebPEncoder.encode(photoWithAlpha, lossy).length;
    paletteLossy = WebPEncoder.encode(palette, lossy).length;
    lossless = lossy.asLossless();
    System.out.println(String.format(Locale.ROOT, "try lossless: PNG_RGBA %b, PNG_PALETTE %b",
        GraphicsDetector.worthTryingLossless(photoWithAlpha, photoWithAlphaLossy, lossless),
        GraphicsDetector.worthTryingLossless(palette, paletteLossy, lossless)));
    linearRgb = linearRgbProfile();
    if (!ColorProfiles.needsConversion(linearRgb)) {
      throw new IllegalStateException("the linear-RGB profile would not be converted; pick another profile");
    }
  }

  /**
   * The JDK's linear-RGB profile, standing in for an Adobe RGB or camera profile (the JDK ships no other RGB
   * profile). Its description reads "linear sRGB", which ColorProfiles takes for an sRGB copy and skips, so
   * the copy used here says "linear RGB".
   */
  private static ICC_Profile linearRgbProfile() {
    ICC_Profile copy = ICC_Profile.getInstance(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
    byte[] desc = copy.getData(ICC_Profile.icSigProfileDescriptionTag);
    String text = new String(desc, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("sRGB");
    if (at < 0 || text.indexOf("sRGB", at + 1) >= 0) {
      throw new IllegalStateException("unexpected description in the JDK's linear-RGB profile");
    }
    System.arraycopy(new byte[] {'R', 'G', 'B', 0}, 0, desc, at, 4);
    copy.setData(ICC_Profile.icSigProfileDescriptionTag, desc);
    return copy;
  }

  /** EXIF orientation 3: a 180° turn, rows read backwards. */
  @Benchmark
  public Pixels orientationRotate180() {
    return Upright.apply(photo, Orientation.ofExif(3));
  }

  /** EXIF orientation 6 (the usual portrait photo): a 90° turn, reading the source down its columns. */
  @Benchmark
  public Pixels orientationRotate90() {
    return Upright.apply(photo, Orientation.ofExif(6));
  }

  @Benchmark
  public Pixels colourToSrgb() {
    return ColorProfiles.toSrgb(photo, linearRgb);
  }

  /** {@code -png auto}'s test on the RGBA photo PNG: the lossless estimate reads a sixteenth of the rows. */
  @Benchmark
  public boolean pngAutoTestPhoto() {
    return GraphicsDetector.worthTryingLossless(photoWithAlpha, photoWithAlphaLossy, lossless);
  }

  /** The same on the palette PNG, whose colours fit VP8L's colour-indexing transform. */
  @Benchmark
  public boolean pngAutoTestPalette() {
    return GraphicsDetector.worthTryingLossless(palette, paletteLossy, lossless);
  }
}
