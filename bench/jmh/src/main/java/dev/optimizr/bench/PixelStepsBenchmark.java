package dev.optimizr.bench;

import dev.optimizr.codec.ColorProfiles;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.GraphicsDetector;
import dev.optimizr.codec.Orientation;
import dev.optimizr.codec.Pixels;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps between normalisation and encode, on the 2-MP photo's RGB pixels: orientation, ICC conversion
 * to sRGB, and the {@code -png auto} graphics test. Each runs only for some images; these are their costs
 * when they do. One thread per fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class PixelStepsBenchmark {
  private Pixels photo;
  private Pixels palette;
  private ICC_Profile linearRgb;

  @Setup
  public void setUp() throws ConversionException {
    photo = Input.JPEG_RGB.pixels(Input.JPEG_RGB.file());
    palette = Input.PNG_PALETTE.pixels(Input.PNG_PALETTE.file());
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
    return Orientation.apply(photo, 3);
  }

  /** EXIF orientation 6 (the usual portrait photo): a 90° turn, reading the source down its columns. */
  @Benchmark
  public Pixels orientationRotate90() {
    return Orientation.apply(photo, 6);
  }

  @Benchmark
  public Pixels colourToSrgb() {
    return ColorProfiles.toSrgb(photo, linearRgb);
  }

  /** A photo: more than 256 colours within a few pixels, then the whole predictor scan. */
  @Benchmark
  public boolean graphicsDetectorPhoto() {
    return GraphicsDetector.looksLikeGraphics(photo);
  }

  /** A palette image: the colour count walks every pixel before it can say "graphics". */
  @Benchmark
  public boolean graphicsDetectorPalette() {
    return GraphicsDetector.looksLikeGraphics(palette);
  }
}
