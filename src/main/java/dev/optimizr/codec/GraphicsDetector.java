package dev.optimizr.codec;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether a PNG's pixels look like graphics (logos, icons, diagrams, screenshots, pixel art) rather
 * than a photo, for {@code -png auto}. Only graphics are also tried lossless, because a lossless encode of
 * a photo costs several lossy encodes and is nearly always larger. Stateless and thread-safe.
 *
 * <p>The rule and its measurement on PngSuite, the Wuffs images and real artwork are in the README
 * ("-png auto").
 */
public final class GraphicsDetector {
  /** At most this many distinct RGBA colours: palette-sized, as graphics usually are. */
  static final int MAX_COLOURS = 256;
  /**
   * At least this share of pixels exactly predicted by the gradient predictor (left + above − above-left),
   * as in flat areas, synthetic gradients and transparent backgrounds. Measured: photos stay at or below
   * 0.14, graphics with more than 256 colours for which lossless was smaller at 0.72 or above.
   */
  static final double MIN_PREDICTABLE = 0.5;

  private GraphicsDetector() {}

  /** True when {@code px} has few colours or is mostly exactly predictable. */
  public static boolean looksLikeGraphics(Pixels px) {
    return colours(px, MAX_COLOURS + 1) <= MAX_COLOURS || predictable(px) >= MIN_PREDICTABLE;
  }

  /** Share of pixels (all channels) equal to left + above − above-left, clamped; the first row and column count as not. */
  static double predictable(Pixels px) {
    byte[] d = px.data();
    int n = px.channels();
    int row = px.width() * n;
    long hits = 0;
    for (int y = 1; y < px.height(); y++) {
      for (int i = y * row + n, end = (y + 1) * row; i < end; i += n) {
        boolean ok = true;
        for (int c = 0; c < n && ok; c++) {
          int pred = (d[i - n + c] & 0xFF) + (d[i - row + c] & 0xFF) - (d[i - row - n + c] & 0xFF);
          ok = (d[i + c] & 0xFF) == Math.max(0, Math.min(255, pred));
        }
        if (ok) {
          hits++;
        }
      }
    }
    return hits / ((double) px.width() * px.height());
  }

  /** Distinct RGBA values, counting stops at {@code cap}. */
  static int colours(Pixels px, int cap) {
    Set<Integer> seen = new HashSet<>();
    byte[] d = px.data();
    int n = px.channels();
    for (int i = 0; i < d.length; i += n) {
      int v = (d[i] & 0xFF) << 16 | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) | (n == 4 ? (d[i + 3] & 0xFF) << 24 : 0);
      if (seen.add(v) && seen.size() >= cap) {
        return cap;
      }
    }
    return seen.size();
  }
}
