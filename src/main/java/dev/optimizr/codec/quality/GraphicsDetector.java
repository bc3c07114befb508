package dev.optimizr.codec.quality;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.WebPEncoder;

/**
 * Decides, for {@code -png auto}, whether a PNG already encoded lossy is worth a second, lossless encode:
 * yes for graphics (logos, icons, diagrams, screenshots, pixel art, synthetic gradients), no for photos and
 * the smooth but noisy artwork of wallpapers, where a lossless encode costs several lossy ones and is nearly
 * always larger. Stateless and thread-safe.
 *
 * <p>Three tests, cheapest first, each of which can only say no: the lossy result must not already be nearly
 * empty; a cheap estimate of the lossless size ({@link LosslessEstimate}) must be at most twice the lossy size
 * just produced, so the rule also follows the quality; and above {@link #SAMPLE_ABOVE_PIXELS}, where one lossless
 * encode costs up to a second of CPU, libwebp itself encodes every eighth band of rows lossless and the full encode
 * runs only when that sample, scaled to the whole height, is no larger than the lossy result. The measurement
 * behind the numbers is in docs/png-auto.md.
 */
public final class GraphicsDetector {
  /** At most this many distinct colours fit VP8L's colour-indexing transform (see {@link LosslessEstimate}). */
  static final int MAX_COLOURS = 256;
  /**
   * Try lossless only when the estimate is at most this many times the lossy size. Measured at quality 80 on
   * the graphics set's 2,088 PNGs (docs/png-auto.md): lossless was smaller on 1,467, of which the estimate put
   * 4 above 2× (7,606 bytes smaller lossless in all); of the 208 where lossless was more than twice the lossy
   * size, it put 189 above 2×, and the sampled encode turns away the rest that are over 1 MP.
   */
  static final double MAX_ESTIMATE_RATIO = 2.0;
  /**
   * A lossy result below this many bits per pixel (about 50 KB for 8 MP) is a nearly flat image: lossless can
   * save at most those few bytes, and on such images can cost up to four lossy encodes.
   */
  static final double MIN_LOSSY_BITS_PER_PIXEL = 0.05;
  /** Images over this many pixels get a sampled lossless encode before the full one. */
  static final long SAMPLE_ABOVE_PIXELS = LosslessEstimate.SAMPLE_ABOVE_PIXELS;
  /** The sample: the first {@code SAMPLE_BAND_ROWS} rows of every {@code SAMPLE_BAND_PERIOD}, an eighth. */
  static final int SAMPLE_BAND_ROWS = 16;
  static final int SAMPLE_BAND_PERIOD = 128;

  private GraphicsDetector() {}

  /**
   * True when a lossless encode of {@code px} with {@code lossless} may come out no larger than the lossy one
   * of {@code lossyBytes}.
   */
  public static boolean worthTryingLossless(Pixels px, long lossyBytes, EncodeSettings lossless) {
    long pixels = (long) px.width() * px.height();
    if (lossyBytes * 8.0 < MIN_LOSSY_BITS_PER_PIXEL * pixels
        || LosslessEstimate.bytes(px) > MAX_ESTIMATE_RATIO * lossyBytes) {
      return false;
    }
    return pixels <= SAMPLE_ABOVE_PIXELS || sampledLosslessBytes(px, lossless) <= lossyBytes;
  }

  /**
   * The size of a lossless encode of every eighth band of rows, times eight: usually 0–25 % above the full
   * encode (each sample carries its own headers and codes, and the bands break long copies), so the rule errs
   * towards not trying. Long.MAX_VALUE when libwebp refuses the sample: the lossy result then stands.
   */
  static long sampledLosslessBytes(Pixels px, EncodeSettings lossless) {
    Pixels sample = bands(px);
    try {
      return WebPEncoder.encode(sample, lossless).length * (long) px.height() / sample.height();
    } catch (ConversionException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Pixels bands(Pixels px) {
    int row = px.width() * px.channels();
    int rows = 0;
    for (int y = 0; y < px.height(); y++) {
      rows += y % SAMPLE_BAND_PERIOD < SAMPLE_BAND_ROWS ? 1 : 0;
    }
    byte[] d = new byte[rows * row];
    for (int y = 0, at = 0; y < px.height(); y++) {
      if (y % SAMPLE_BAND_PERIOD < SAMPLE_BAND_ROWS) {
        System.arraycopy(px.data(), y * row, d, at, row);
        at += row;
      }
    }
    return new Pixels(px.width(), rows, px.channels(), d);
  }
}
