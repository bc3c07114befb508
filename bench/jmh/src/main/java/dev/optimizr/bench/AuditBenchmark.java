package dev.optimizr.bench;

import com.luciad.imageio.webp.LibWebPBridge;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.quality.AuditScore;
import dev.optimizr.codec.quality.Ssim;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.WebPEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The quality audit of one sampled image, on the 2-MP photo encoded at quality 80: the whole score (decode the
 * WebP, then SSIM with the worst region) and its two parts. One thread per fork.
 */
public class AuditBenchmark extends HotPathBenchmark {
  private Pixels photo;
  private byte[] webp;
  private int[] decoded;

  @Setup
  public void setUp() throws ConversionException {
    photo = Input.JPEG_RGB.pixels(Input.JPEG_RGB.file());
    webp = WebPEncoder.encode(photo, new EncodeSettings(80, EncodeSettings.DEFAULT_METHOD));
    decoded = LibWebPBridge.decodeArgb(webp, new int[4]);
  }

  /** What the audit costs a sampled image: {@link AuditScore#of}. */
  @Benchmark
  public AuditScore score() throws ConversionException {
    return AuditScore.of(photo, webp);
  }

  /** Its first part: libwebp decodes the WebP to ARGB. */
  @Benchmark
  public int[] decodeWebp() {
    return LibWebPBridge.decodeArgb(webp, new int[4]);
  }

  /** Its second part: SSIM over every other window across and down, finding the worst 64-pixel square. */
  @Benchmark
  public Ssim.Worst ssim() {
    return Ssim.map(Ssim.of(photo), Ssim.ofArgb(decoded, photo.width(), photo.height(), false), AuditScore.TILE,
        AuditScore.STRIDE);
  }
}
