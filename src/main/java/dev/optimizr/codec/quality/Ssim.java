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
  /** Quantities filtered per pixel: x, y, x² + y², xy. */
  private static final int SUMS = 4;

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
    return map(a, b, 0, 1).mean();
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

  /**
   * As {@link #mean}, also finding the worst {@code tile}-pixel square (0: do not look), from the windows at every
   * {@code stride}-th position across and down: stride 1 is every window (the reference definition); stride 2
   * averages a quarter of them, on a regular grid, for about a third of the work (the quality audit's estimate).
   */
  public static Worst map(Luma a, Luma b, int tile, int stride) {
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
    int sw = (ow + stride - 1) / stride; // windows evaluated per row of windows
    Tiles tiles = tile > 0 ? new Tiles(w, tile, stride) : null;
    // Horizontal Gaussian sums of x, y, x² + y² and xy for the last 11 rows (a ring), then vertical sums per row
    // of windows. The index needs the two variances only as a sum, so x² and y² are filtered together. Loops run
    // over x innermost with one array each, so the JIT vectorises them.
    double[][][] ring = new double[SUMS][WIN][sw];
    double[][] row = new double[SUMS][w]; // x, y, x² + y², xy of the current row
    double[][] acc = new double[SUMS][sw];
    double[][] window = new double[WIN][]; // the ring's rows of one quantity, top to bottom
    double total = 0;
    long rows = 0;
    for (int y = 0; y < h; y++) {
      a.row(y, row[0]);
      b.row(y, row[1]);
      products(row, w);
      int slot = y % WIN;
      for (int c = 0; c < SUMS; c++) {
        convolve(row[c], ring[c][slot], sw, stride);
      }
      if (y >= WIN - 1 && (y - WIN + 1) % stride == 0) {
        int top = y - WIN + 1;
        rows++;
        for (int c = 0; c < SUMS; c++) {
          for (int k = 0; k < WIN; k++) {
            window[k] = ring[c][(top + k) % WIN];
          }
          convolveRows(window, acc[c], sw);
        }
        total += rowOfWindows(acc, top, sw, stride, tiles);
      }
    }
    double mean = total / ((double) sw * rows);
    return tiles == null ? new Worst(mean, 0, 0, mean) : tiles.worst(mean);
  }

  /** Fills x² + y² and xy from x and y. */
  private static void products(double[][] row, int w) {
    double[] p = row[0];
    double[] q = row[1];
    double[] squares = row[2];
    double[] pq = row[3];
    for (int x = 0; x < w; x++) {
      squares[x] = p[x] * p[x] + q[x] * q[x];
      pq[x] = p[x] * q[x];
    }
  }

  /**
   * {@code out[x]} = the 11-tap Gaussian sum of {@code in} from x, in one pass; the window is symmetric, so
   * opposite taps share a multiplication.
   */
  private static void convolve(double[] in, double[] out, int n, int stride) {
    double g0 = G[0], g1 = G[1], g2 = G[2], g3 = G[3], g4 = G[4], g5 = G[5];
    for (int i = 0, x = 0; i < n; i++, x += stride) {
      out[i] = g0 * (in[x] + in[x + 10]) + g1 * (in[x + 1] + in[x + 9]) + g2 * (in[x + 2] + in[x + 8])
          + g3 * (in[x + 3] + in[x + 7]) + g4 * (in[x + 4] + in[x + 6]) + g5 * in[x + 5];
    }
  }

  /** {@code out[x]} = the Gaussian sum down the 11 rows {@code r[0..10]} at x, in one pass. */
  private static void convolveRows(double[][] r, double[] out, int ow) {
    double g0 = G[0], g1 = G[1], g2 = G[2], g3 = G[3], g4 = G[4], g5 = G[5];
    double[] r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3], r4 = r[4], r5 = r[5];
    double[] r6 = r[6], r7 = r[7], r8 = r[8], r9 = r[9], r10 = r[10];
    for (int x = 0; x < ow; x++) {
      out[x] = g0 * (r0[x] + r10[x]) + g1 * (r1[x] + r9[x]) + g2 * (r2[x] + r8[x]) + g3 * (r3[x] + r7[x])
          + g4 * (r4[x] + r6[x]) + g5 * r5[x];
    }
  }

  /** Sum of SSIM over the windows whose top row is {@code top}; each also added to its tile when asked. */
  private static double rowOfWindows(double[][] acc, int top, int n, int stride, Tiles tiles) {
    double sum = 0;
    double[] mxs = acc[0];
    double[] mys = acc[1];
    double[] squares = acc[2];
    double[] exys = acc[3];
    for (int x = 0; x < n; x++) {
      double mx = mxs[x];
      double my = mys[x];
      double v = index(mx, my, squares[x] - mx * mx - my * my, exys[x] - mx * my);
      sum += v;
      if (tiles != null) {
        tiles.add(x * stride + WIN / 2, top + WIN / 2, v);
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

    /** A tile cut by the image's edge counts only if it holds a quarter of a full tile's windows. */
    private final int minWindows;

    Tiles(int width, int size, int stride) {
      this.size = size;
      this.minWindows = Math.max(1, size * size / (4 * stride * stride));
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
        if (counts[c] > 0 && counts[c] >= minWindows && sums[c] / counts[c] < worst) {
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
    return index(mx, my, sxx / n - mx * mx + syy / n - my * my, sxy / n - mx * my);
  }

  /** The SSIM index of one window from its means, the sum of its two variances, and its covariance. */
  private static double index(double mx, double my, double variances, double cxy) {
    return ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (variances + C2));
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
