package dev.optimizr.codec.quality;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ConvertOptions;
import dev.optimizr.codec.ImageFormat;
import dev.optimizr.codec.PngMode;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.WebPEncoder;

/**
 * Chooses how one image is encoded: lossless or lossy, a searched quality under {@code -target-ssim}, and
 * for PNGs the {@code -png} policy. Stateless and thread-safe.
 */
public final class Encoding {
  private Encoding() {}

  /**
   * One image's encoded bitstream (a libwebp RIFF, before metadata).
   *
   * @param lossless whether the bitstream is VP8L
   * @param quality the quality chosen by {@code -target-ssim}, or -1
   * @param ssim the SSIM of that choice, or NaN
   * @param ssimReached false when {@code -target-ssim} could not be reached even at quality 100
   */
  public record Result(byte[] webp, boolean lossless, int quality, double ssim, boolean ssimReached) {}

  public static Result encode(Pixels px, ImageFormat format, ConvertOptions o) throws ConversionException {
    EncodeSettings s = o.encode();
    if (s.isLossless() || (format == ImageFormat.PNG && o.png() == PngMode.LOSSLESS)) {
      return new Result(WebPEncoder.encode(px, s.asLossless()), true, -1, Double.NaN, true);
    }
    Result lossy;
    if (o.targetSsim() > 0) {
      QualitySearch.Result r = QualitySearch.search(px, s, o.targetSsim());
      lossy = new Result(r.webp(), false, r.quality(), r.ssim(), r.reached());
    } else {
      lossy = new Result(WebPEncoder.encode(px, s), false, -1, Double.NaN, true);
    }
    if (format == ImageFormat.PNG && o.png() == PngMode.AUTO
        && GraphicsDetector.worthTryingLossless(px, lossy.webp().length, s.asLossless())) {
      byte[] lossless = WebPEncoder.encode(px, s.asLossless());
      if (lossless.length <= lossy.webp().length) {
        return new Result(lossless, true, -1, Double.NaN, true);
      }
    }
    return lossy;
  }
}
