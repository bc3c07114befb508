package dev.optimizr.bench;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.WebPEncoder;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * libwebp lossy encode at optimizr's defaults (quality 80, method 4) of the decoded pixels of a 2-MP input,
 * including the JNI hand-over of the pixel array. One thread per fork.
 */
public class EncodeBenchmark extends HotPathBenchmark {
  private static final EncodeSettings SETTINGS = new EncodeSettings(80, 4);

  @Param({"JPEG_RGB", "PNG_RGBA"})
  public Input input;

  private Pixels pixels;

  @Setup
  public void setUp() throws ConversionException {
    pixels = input.pixels(input.file());
    System.out.println(String.format(Locale.ROOT, "%s: %d channels, WebP %,d bytes", input, pixels.channels(),
        WebPEncoder.encode(pixels, SETTINGS).length));
  }

  @Benchmark
  public byte[] encode() throws ConversionException {
    return WebPEncoder.encode(pixels, SETTINGS);
  }
}
