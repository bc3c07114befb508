package dev.optimizr.codec.quality;

import dev.optimizr.codec.pixels.Pixels;

/**
 * Mean SSIM of two images' luma, as defined by Wang, Bovik, Sheikh and Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE TIP 13(4), 2004, with the parameters of
 * the authors' reference code ssim_index.m: an 11×11 circular-symmetric Gaussian window (σ = 1.5),
 * K1 = 0.01, K2 = 0.03, L = 255, averaged over the windows that lie fully inside the image. Luma is BT.601
 * (0.299 R + 0.587 G + 0.114 B); alpha images are compared as composited over black, so that only what a
 * viewer can see counts. Stateless and thread-safe; memory is 11 rows, not an image.
 */
public final class Ssim {
  private static final int WIN = 11;
  private static final double SIGMA = 1.5;
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final double[] G = gaussian();

  private Ssim() {}

  /** An image seen row by row as luma values 0–255. */
  public interface Luma {
    int width();

    int height();

    /** Writes row {@code y}'s luma into {@code out[0, width)}. */
    void row(int y, double[] out);
  }

  /** The luma of normalised pixels (RGB or straight RGBA). */
  public static Luma of(Pixels px) {
    return new Luma() {
      public int width() {
        return px.width();
      }

      public int height() {
        return px.height();
      }

      public void row(int y, double[] out) {
        byte[] d = px.data();
        int n = px.channels();
        for (int x = 0, i = y * px.width() * n; x < px.width(); x++, i += n) {
          double a = n == 4 ? (d[i + 3] & 0xFF) / 255.0 : 1;
          out[x] = a * (0.299 * (d[i] & 0xFF) + 0.587 * (d[i + 1] & 0xFF) + 0.114 * (d[i + 2] & 0xFF));
        }
      }
    };
  }

  /** The luma of ARGB ints; {@code alpha} false ignores the top byte (libwebp leaves it undefined then). */
  public static Luma ofArgb(int[] argb, int width, int height, boolean alpha) {
    return new Luma() {
      public int width() {
        return width;
      }

      public int height() {
        return height;
      }

      public void row(int y, double[] out) {
        for (int x = 0, i = y * width; x < width; x++, i++) {
          int v = argb[i];
          double a = alpha ? (v >>> 24) / 255.0 : 1;
          out[x] = a * (0.299 * ((v >> 16) & 0xFF) + 0.587 * ((v >> 8) & 0xFF) + 0.114 * (v & 0xFF));
        }
      }
    };
  }

  /**
   * Mean SSIM of {@code a} and {@code b} (same size). Images smaller than the window in either direction
   * are compared as one window with uniform weights.
   */
  public static double mean(Luma a, Luma b) {
    return map(a, b, 0).mean();
  }

  /**
   * The mean SSIM, and where it is worst: the {@code tile}×{@code tile} square (on a grid of that size) whose
   * windows have the lowest mean.
   *
   * @param mean as {@link #mean}
   * @param worstX left edge of the worst tile; 0 when not asked for (tile 0) or the image is tiny
   * @param worstTileSsim the mean SSIM of the windows centred in that tile, or {@code mean}
   */
  public record Worst(double mean, int worstX, int worstY, double worstTileSsim) {}

  /** As {@link #mean}, also finding the worst {@code tile}-pixel square (0: do not look). */
  public static Worst map(Luma a, Luma b, int tile) {
    int w = a.width();
    int h = a.height();
    if (b.width() != w || b.height() != h) {
      throw new IllegalArgumentException("sizes differ: " + w + "x" + h + " vs " + b.width() + "x" + b.height());
    }
    if (w < WIN || h < WIN) {
      double g = global(a, b);
      return new Worst(g, 0, 0, g);
    }
    int ow = w - WIN + 1;
    Tiles tiles = tile > 0 ? new Tiles(w, tile) : null;
    double[][][] ring = new double[5][WIN][ow]; // horizontal sums of x, y, x², y², xy for the last 11 rows
    double[] ra = new double[w];
    double[] rb = new double[w];
    double total = 0;
    for (int y = 0; y < h; y++) {
      a.row(y, ra);
      b.row(y, rb);
      int slot = y % WIN;
      for (int x = 0; x < ow; x++) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int k = 0; k < WIN; k++) {
          double g = G[k];
          double p = ra[x + k];
          double q = rb[x + k];
          sx += g * p;
          sy += g * q;
          sxx += g * p * p;
          syy += g * q * q;
          sxy += g * p * q;
        }
        ring[0][slot][x] = sx;
        ring[1][slot][x] = sy;
        ring[2][slot][x] = sxx;
        ring[3][slot][x] = syy;
        ring[4][slot][x] = sxy;
      }
      if (y >= WIN - 1) {
        total += rowOfWindows(ring, y - WIN + 1, ow, tiles);
      }
    }
    double mean = total / ((double) ow * (h - WIN + 1));
    return tiles == null ? new Worst(mean, 0, 0, mean) : tiles.worst(mean);
  }

  /** Sum of SSIM over the windows whose top row is {@code top}; each also added to its tile when asked. */
  private static double rowOfWindows(double[][][] ring, int top, int ow, Tiles tiles) {
    double sum = 0;
    for (int x = 0; x < ow; x++) {
      double mx = 0, my = 0, exx = 0, eyy = 0, exy = 0;
      for (int k = 0; k < WIN; k++) {
        int s = (top + k) % WIN;
        double g = G[k];
        mx += g * ring[0][s][x];
        my += g * ring[1][s][x];
        exx += g * ring[2][s][x];
        eyy += g * ring[3][s][x];
        exy += g * ring[4][s][x];
      }
      double v = index(mx, my, exx - mx * mx, eyy - my * my, exy - mx * my);
      sum += v;
      if (tiles != null) {
        tiles.add(x + WIN / 2, top + WIN / 2, v);
      }
    }
    return sum;
  }

  /** Per-tile sums of window SSIM for the current row of tiles (memory: one row of tiles). */
  private static final class Tiles {
    private final int size;
    private final double[] sums;
    private final int[] counts;
    private int row = -1;
    private double worst = Double.POSITIVE_INFINITY;
    private int worstX;
    private int worstY;

    Tiles(int width, int size) {
      this.size = size;
      int n = (width + size - 1) / size;
      this.sums = new double[n];
      this.counts = new int[n];
    }

    void add(int cx, int cy, double v) {
      int r = cy / size;
      if (r != row) {
        flush();
        row = r;
      }
      int c = cx / size;
      sums[c] += v;
      counts[c]++;
    }

    private void flush() {
      for (int c = 0; c < sums.length; c++) {
        // a tile cut by the image's edge counts only if it holds at least a quarter of a full tile's windows
        if (counts[c] > 0 && counts[c] >= (size * size) / 4 && sums[c] / counts[c] < worst) {
          worst = sums[c] / counts[c];
          worstX = c * size;
          worstY = row * size;
        }
        sums[c] = 0;
        counts[c] = 0;
      }
    }

    Worst worst(double mean) {
      flush();
      return worst == Double.POSITIVE_INFINITY ? new Worst(mean, 0, 0, mean)
          : new Worst(mean, worstX, worstY, worst);
    }
  }

  private static double global(Luma a, Luma b) {
    double[] ra = new double[a.width()];
    double[] rb = new double[a.width()];
    double n = (double) a.width() * a.height();
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int y = 0; y < a.height(); y++) {
      a.row(y, ra);
      b.row(y, rb);
      for (int x = 0; x < ra.length; x++) {
        sx += ra[x];
        sy += rb[x];
        sxx += ra[x] * ra[x];
        syy += rb[x] * rb[x];
        sxy += ra[x] * rb[x];
      }
    }
    double mx = sx / n;
    double my = sy / n;
    return index(mx, my, sxx / n - mx * mx, syy / n - my * my, sxy / n - mx * my);
  }

  private static double index(double mx, double my, double vx, double vy, double cxy) {
    return ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
  }

  /** The normalised 1-D Gaussian; the 2-D window is its outer product, so filtering is separable. */
  private static double[] gaussian() {
    double[] g = new double[WIN];
    double sum = 0;
    for (int i = 0; i < WIN; i++) {
      int d = i - WIN / 2;
      g[i] = Math.exp(-(d * d) / (2 * SIGMA * SIGMA));
      sum += g[i];
    }
    for (int i = 0; i < WIN; i++) {
      g[i] /= sum;
    }
    return g;
  }
}
