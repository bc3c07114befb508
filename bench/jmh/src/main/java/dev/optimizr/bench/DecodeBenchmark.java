package dev.optimizr.bench;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ImageDecoder;
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

/** Decode: structure scan, header, reader and {@code read} of a 2-MP file held in memory. One thread per fork. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
  @Param({"JPEG_RGB", "PNG_RGBA", "PNG_GRAY", "PNG_PALETTE"})
  public Input input;

  private byte[] file;

  @Setup
  public void setUp() throws ConversionException {
    file = input.file();
    System.out.println(input.describe(file, input.decode(file)));
  }

  @Benchmark
  public BufferedImage decode() throws ConversionException {
    try (ImageDecoder d = ImageDecoder.open(file, input.format(), Input.LIMITS)) {
      return d.decode().image();
    }
  }
}
