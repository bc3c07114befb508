package dev.optimizr.bench;

import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What one copy of a 2-MP RGB image (6 MB) costs: optimizr's B,G,R → R,G,B normalisation against a plain
 * copy into a new array and a copy into an existing one. The gap between the first and the last is what a
 * decoder that writes RGB in place (no normalising copy) saves per image. One thread per fork.
 */
public class CopyBenchmark extends HotPathBenchmark {
  private BufferedImage bgr;
  private byte[] source;
  private byte[] target;

  @Setup
  public void setUp() {
    bgr = SyntheticImages.photo(SyntheticImages.WIDTH, SyntheticImages.HEIGHT, SyntheticImages.SEED);
    source = SyntheticImages.bytes(bgr);
    target = new byte[source.length];
  }

  /** PixelNormalizer on a TYPE_3BYTE_BGR image: allocate 6 MB and reorder every pixel's bytes. */
  @Benchmark
  public Pixels normalizeBgr() {
    return PixelNormalizer.toPixels(bgr);
  }

  /** Allocate 6 MB and copy it unchanged (what a copy costs when no reordering is needed). */
  @Benchmark
  public byte[] copyToNewArray() {
    return Arrays.copyOf(source, source.length);
  }

  /** System.arraycopy into an existing array: memory bandwidth alone, no allocation. */
  @Benchmark
  public byte[] copyToExistingArray() {
    System.arraycopy(source, 0, target, 0, source.length);
    return target;
  }
}
