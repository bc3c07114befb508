package dev.optimizr.bench;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.PixelNormalizer;
import dev.optimizr.codec.Pixels;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pixel normalisation of what the decoder really returns for each input (whatever raster layout that is),
 * so a decoder change that removes the copy shows up here. One thread per fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class NormalizeBenchmark {
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
