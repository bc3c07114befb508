package dev.optimizr.codec.quality;

import com.luciad.imageio.webp.LibWebPBridge;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.WebPEncoder;

/**
 * {@code -target-ssim}: binary search for the lowest lossy quality whose decoded result reaches an SSIM
 * target against the source pixels. SSIM grows with quality almost monotonically, so bisection over 0–100
 * needs at most 7 encodes, plus one at quality 100 when no probe reached the target. Stateless and
 * thread-safe.
 */
public final class QualitySearch {
  private QualitySearch() {}

  /**
   * The chosen encode.
   *
   * @param quality the quality chosen
   * @param ssim its SSIM against the source
   * @param reached false when even quality 100 stays below the target (then quality 100 is used)
   */
  public record Result(byte[] webp, int quality, double ssim, boolean reached, int encodes) {}

  public static Result search(Pixels px, EncodeSettings base, double target) throws ConversionException {
    Ssim.Luma source = Ssim.of(px);
    int lo = 0;
    int hi = 100;
    Result best = null;
    int encodes = 0;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Result r = probe(px, source, base.withQuality(mid), ++encodes, target);
      if (r.reached()) {
        best = r;
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (best != null) {
      return best; // bisection ends on the lowest quality that reached the target
    }
    // No probe reached it, so lo == 100, which was never probed: the highest quality is the best we can do.
    return probe(px, source, base.withQuality(lo), ++encodes, target);
  }

  private static Result probe(Pixels px, Ssim.Luma source, EncodeSettings s, int encodes, double target)
      throws ConversionException {
    byte[] webp = WebPEncoder.encode(px, s);
    int[] info = new int[4];
    int[] argb = LibWebPBridge.decodeArgb(webp, info);
    if (argb == null || info[1] != px.width() || info[2] != px.height()) {
      throw new ConversionException(ErrorType.ENCODE_ERROR, "libwebp could not decode its own output");
    }
    double ssim = Ssim.mean(source, Ssim.ofArgb(argb, info[1], info[2], px.hasAlpha()));
    return new Result(webp, s.quality(), ssim, ssim >= target, encodes);
  }
}
