package dev.optimizr.bench;

import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.LocalSink;
import dev.optimizr.io.LocalSource;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.ImageConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole conversion as a worker runs it, at the CLI's defaults (quality 80, method 4, {@code -png auto},
 * no metadata): read the file, decode, normalise, encode, and the atomic write (temp file, fsync, rename)
 * into a temporary directory. One thread per fork.
 */
public class ConvertBenchmark extends HotPathBenchmark {
  @Param({"JPEG_RGB", "PNG_RGBA"})
  public Input input;

  private Path dir;
  private LocalSource source;
  private LocalSink target;
  private ImageConverter converter;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("optimizr-jmh-");
    source = LocalSource.of(Files.write(dir.resolve(input == Input.JPEG_RGB ? "photo.jpg" : "photo.png"),
        input.file()));
    target = new LocalSink(dir.resolve("photo.webp"), new AtomicFileWriter());
    converter = new ImageConverter(new EncodeSettings(80, EncodeSettings.DEFAULT_METHOD),
        new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false));
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public ImageConverter.Converted convert() throws ConversionException {
    return converter.convert(source, target);
  }
}
