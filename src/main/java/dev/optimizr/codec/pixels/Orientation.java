package dev.optimizr.codec.pixels;

import dev.optimizr.codec.meta.ExifOrientation;

/**
 * Applies an EXIF orientation (2–8) to {@link Pixels} so that the stored pixels display upright, as a
 * browser honouring the tag shows the source. Stateless and thread-safe.
 */
public final class Orientation {
  private Orientation() {}

  /** Returns upright pixels; orientation 1 or an unknown value returns {@code px} itself. */
  public static Pixels apply(Pixels px, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return px;
    }
    int w = px.width();
    int h = px.height();
    int n = px.channels();
    boolean swap = ExifOrientation.swapsAxes(orientation);
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
        case 2 -> { sx = w - 1; sy = y; step = -1; }
        case 3 -> { sx = w - 1; sy = h - 1 - y; step = -1; }
        case 4 -> { sx = 0; sy = h - 1 - y; step = 1; }
        case 5 -> { sx = y; sy = 0; step = w; }
        case 6 -> { sx = y; sy = h - 1; step = -w; }
        case 7 -> { sx = w - 1 - y; sy = h - 1; step = -w; }
        default -> { sx = w - 1 - y; sy = 0; step = w; } // 8
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
