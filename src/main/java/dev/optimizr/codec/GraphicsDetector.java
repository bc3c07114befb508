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

  private GraphicsDetector() {}

  /** True when {@code px} has at most {@link #MAX_COLOURS} distinct colours. */
  public static boolean looksLikeGraphics(Pixels px) {
    return colours(px, MAX_COLOURS + 1) <= MAX_COLOURS;
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
