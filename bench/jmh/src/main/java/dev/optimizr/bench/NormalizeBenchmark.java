package dev.optimizr.bench;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import java.awt.image.BufferedImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Pixel normalisation of what the decoder really returns for each input (whatever raster layout that is),
 * so a decoder change that removes the copy shows up here. One thread per fork.
 */
public class NormalizeBenchmark extends HotPathBenchmark {
  @Param({"JPEG_RGB", "PNG_RGBA", "PNG_GRAY", "PNG_PALETTE"})
  public Input input;

  private BufferedImage decoded;

  @Setup
  public void setUp() throws ConversionException {
    byte[] file = input.file();
    decoded = input.decode(file);
    System.out.println(input.describe(file, decoded));
  }

  @Benchmark
  public Pixels toPixels() {
    return PixelNormalizer.toPixels(decoded);
  }
}
