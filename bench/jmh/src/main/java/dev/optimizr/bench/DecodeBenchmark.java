package dev.optimizr.bench;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ImageDecoder;
import java.awt.image.BufferedImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Decode: structure scan, header, reader and {@code read} of a 2-MP file held in memory. One thread per fork. */
public class DecodeBenchmark extends HotPathBenchmark {
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
