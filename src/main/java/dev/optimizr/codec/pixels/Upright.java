package dev.optimizr.codec.pixels;

import dev.optimizr.codec.meta.Orientation;

/**
 * Applies an EXIF {@link Orientation} to {@link Pixels} so that the stored pixels display upright, as a
 * browser honouring the tag shows the source. Stateless and thread-safe.
 */
public final class Upright {
  private Upright() {}

  /** Returns upright pixels; {@link Orientation#NORMAL} returns {@code px} itself. */
  public static Pixels apply(Pixels px, Orientation orientation) {
    if (orientation == Orientation.NORMAL) {
      return px;
    }
    int w = px.width();
    int h = px.height();
    int n = px.channels();
    boolean swap = orientation.swapsAxes();
    int dw = swap ? h : w;
    int dh = swap ? w : h;
    byte[] src = px.data();
    byte[] dst = new byte[src.length];
    for (int y = 0, d = 0; y < dh; y++) {
      // For each destination row: the source pixel under x = 0 and the source step per x.
      int sx;
      int sy;
      int step;
      switch (orientation) {
        case FLIP_HORIZONTAL -> { sx = w - 1; sy = y; step = -1; }
        case ROTATE_180 -> { sx = w - 1; sy = h - 1 - y; step = -1; }
        case FLIP_VERTICAL -> { sx = 0; sy = h - 1 - y; step = 1; }
        case TRANSPOSE -> { sx = y; sy = 0; step = w; }
        case ROTATE_90 -> { sx = y; sy = h - 1; step = -w; }
        case TRANSVERSE -> { sx = w - 1 - y; sy = h - 1; step = -w; }
        default -> { sx = w - 1 - y; sy = 0; step = w; } // ROTATE_270
      }
      int s = (sy * w + sx) * n;
      int stepBytes = step * n;
      for (int x = 0; x < dw; x++, d += n, s += stepBytes) {
        System.arraycopy(src, s, dst, d, n);
      }
    }
    return new Pixels(dw, dh, n, dst);
  }
}
