package dev.optimizr.codec.quality;

import dev.optimizr.codec.pixels.Pixels;

/**
 * Decides, for {@code -png auto}, whether a PNG already encoded lossy is worth a second, lossless encode:
 * yes for graphics (logos, icons, diagrams, screenshots, pixel art, synthetic gradients), no for photos and
 * the smooth but noisy artwork of wallpapers, where a lossless encode costs several lossy ones and is nearly
 * always larger. Stateless and thread-safe.
 *
 * <p>The rule compares a cheap estimate of the lossless size ({@link LosslessEstimate}, one pass over a
 * quarter of a large image's rows) with the lossy size just produced, so it also follows the quality: a
 * higher {@code -quality} makes lossy larger and lossless worth trying more often. Its measurement is in the
 * README ("-png auto").
 */
public final class GraphicsDetector {
  /** At most this many distinct colours fit VP8L's colour-indexing transform (see {@link LosslessEstimate}). */
  static final int MAX_COLOURS = 256;
  /**
   * Try lossless when the estimate is at most this many times the lossy size. Measured at quality 80 on
   * 960 PNGs (test corpus, Debian icons and diagrams, photos, the 270 real-corpus wallpapers): each of the
   * 541 for which lossless was smaller scored at most 2.18 (a real image at most 2.08); photos scored 6 or
   * more, and half of the wallpapers where lossless lost scored above 8. The earlier rule (at most 256
   * colours, or half the pixels exactly predictable) tried lossless on 213 of the 270 wallpapers and missed
   * one of their 91 wins; this one tries 145 and misses none, for a ninth of the lossless encoding time.
   */
  static final double MAX_ESTIMATE_RATIO = 3.0;

  private GraphicsDetector() {}

  /** True when a lossless encode of {@code px} may come out no larger than a lossy one of {@code lossyBytes}. */
  public static boolean worthTryingLossless(Pixels px, long lossyBytes) {
    return LosslessEstimate.bytes(px) <= MAX_ESTIMATE_RATIO * lossyBytes;
  }
}
