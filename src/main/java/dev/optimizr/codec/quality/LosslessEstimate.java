package dev.optimizr.codec.quality;

import dev.optimizr.codec.pixels.Pixels;

/**
 * Estimates the size of a lossless (VP8L) WebP of some pixels in one pass over their rows (a sample of them in
 * large images), at a small fraction of the cost of any encode. Not an encoder model but a filter: it only has
 * to rank an image against its lossy size (see {@link GraphicsDetector}). One instance per estimate; the
 * static {@link #bytes(Pixels)} is thread-safe.
 *
 * <p>The model follows what VP8L does after its transforms. A pixel equal to its left, upper-left, upper or
 * upper-right neighbour, or whose gradient-predictor residual equals its left or upper neighbour's (a flat
 * area, a straight gradient, a repeated or diagonally shifted row), continues or starts a copy: VP8L codes such
 * a stretch as one backward reference, costed at {@link #RUN_BITS}. Every other pixel is a literal and costs
 * the order-0 entropy of its residual channels after subtract-green (G, R−G, B−G, A) or, with at most
 * {@link GraphicsDetector#MAX_COLOURS} colours in the rows read, of its palette index (VP8L's colour-indexing
 * transform), whichever is less.
 */
final class LosslessEstimate {
  /** Cost of one backward reference: a length and a distance prefix code with their extra bits. */
  static final int RUN_BITS = 12;
  /** Images over this many pixels are sampled: strips of {@link #STRIP_ROWS} rows ... */
  static final long SAMPLE_ABOVE_PIXELS = 1 << 20;
  static final int STRIP_ROWS = 8;
  /**
   * ... one in every this many rows: a sixteenth of the pixels, spread over the whole height. For such images
   * the estimate only has to set photos apart from what is worth a sampled lossless encode
   * ({@link GraphicsDetector}). On the graphics set's 94 PNGs over 1 MP, 80 estimates came within 10 %
   * of reading every row; the farthest, 13× off, was a background of thin lines, which the sampled encode then
   * turned away. Small images are read whole: there, too few strips put some diagrams' estimates off by up to
   * 10×.
   */
  static final int STRIP_PERIOD = 128;

  private final Pixels px;
  /** The colours seen so far, open addressing (4× the capacity: short probes); null after more than 256. */
  private int[] palette = new int[4 * GraphicsDetector.MAX_COLOURS];
  private final boolean[] used = new boolean[palette.length];
  private final int[] paletteIndex = new int[palette.length];
  private int colours;
  private int[] up;
  private int[] cur;
  private int[] sgUp;
  private int[] sgCur;
  private int[] resUp;
  private int[] resCur;
  private final long[][] channels = new long[4][256];
  private final long[] indices = new long[256];
  private long runs;
  private boolean inRun;

  private LosslessEstimate(Pixels px) {
    this.px = px;
    int w = px.width();
    up = new int[w];
    cur = new int[w];
    sgUp = new int[w];
    sgCur = new int[w];
    resUp = new int[w];
    resCur = new int[w];
  }

  /** Estimated bytes of a lossless WebP of {@code px}. */
  static long bytes(Pixels px) {
    boolean sample = (long) px.width() * px.height() > SAMPLE_ABOVE_PIXELS;
    return sample ? bytes(px, STRIP_ROWS, STRIP_PERIOD) : bytes(px, 1, 1);
  }

  /** As {@link #bytes(Pixels)}, reading the first {@code stripRows} rows of every {@code period}. */
  static long bytes(Pixels px, int stripRows, int period) {
    LosslessEstimate e = new LosslessEstimate(px);
    long rows = 0;
    for (int y = 0; y < px.height(); y++) {
      if (y % period < stripRows) {
        e.row(y, y > 0 && (y - 1) % period < stripRows);
        rows++;
      } else {
        e.inRun = false;
      }
    }
    return (long) (e.bits() / 8 * px.height() / rows);
  }

  private void row(int y, boolean upRead) {
    if (y > 0 && !upRead) {
      load(y - 1, up, sgUp);
    }
    load(y, cur, sgCur);
    for (int x = 0; x < cur.length; x++) {
      pixel(x, y, upRead);
    }
    int[] t = up;
    up = cur;
    cur = t;
    t = sgUp;
    sgUp = sgCur;
    sgCur = t;
    t = resUp;
    resUp = resCur;
    resCur = t;
  }

  /** Counts pixel {@code x} of the current row into a copy or as a literal; {@code upRes}: the row above was read. */
  private void pixel(int x, int y, boolean upRes) {
    int p = cur[x];
    int index = palette != null && (x == 0 || p != cur[x - 1]) ? index(p) : -1;
    int res = residual(x, y);
    resCur[x] = res;
    boolean copy = x > 0 && (p == cur[x - 1] || res == resCur[x - 1])
        || y > 0 && (p == up[x] || x > 0 && p == up[x - 1] || x + 1 < cur.length && p == up[x + 1]
            || upRes && res == resUp[x]);
    if (copy) {
      runs += inRun ? 0 : 1;
      inRun = true;
      return;
    }
    inRun = false;
    for (int c = 0; c < 4; c++) {
      channels[c][res >>> (8 * c) & 0xFF]++;
    }
    if (palette != null) {
      indices[index]++;
    }
  }

  /** The palette index of colour {@code p}, added if new; drops the palette when it outgrows 256 colours. */
  private int index(int p) {
    int mask = palette.length - 1;
    int h = p * 0x9E3779B1 >>> 22 & mask; // the top 10 bits of a Fibonacci hash
    while (used[h] && palette[h] != p) {
      h = h + 1 & mask;
    }
    if (!used[h]) {
      if (colours == GraphicsDetector.MAX_COLOURS) {
        palette = null;
        return -1;
      }
      used[h] = true;
      palette[h] = p;
      paletteIndex[h] = colours++;
    }
    return paletteIndex[h];
  }

  private double bits() {
    double literal = 0;
    for (long[] h : channels) {
      literal += entropyBits(h);
    }
    if (palette != null) {
      literal = Math.min(literal, entropyBits(indices));
    }
    return runs * RUN_BITS + literal;
  }

  /**
   * Per byte (B−G, G, R−G, A from the low byte up), subtract-green pixel {@code x} minus the clamped gradient
   * prediction left + up − upper-left; VP8L's border rule: the left pixel in the first row, the upper one in
   * the first column.
   */
  private int residual(int x, int y) {
    int p = sgCur[x];
    if (y == 0) {
      return x == 0 ? p : minus(p, sgCur[x - 1]);
    }
    if (x == 0) {
      return minus(p, sgUp[0]);
    }
    int l = sgCur[x - 1];
    int u = sgUp[x];
    int ul = sgUp[x - 1];
    int out = 0;
    for (int s = 0; s < 32; s += 8) {
      int g = (l >>> s & 0xFF) + (u >>> s & 0xFF) - (ul >>> s & 0xFF);
      out |= ((p >>> s) - Math.max(0, Math.min(255, g)) & 0xFF) << s;
    }
    return out;
  }

  private static int minus(int a, int b) {
    int out = 0;
    for (int s = 0; s < 32; s += 8) {
      out |= ((a >>> s) - (b >>> s) & 0xFF) << s;
    }
    return out;
  }

  /** Row {@code y} as ARGB, and after subtract-green (R−G and B−G in place of R and B). */
  private void load(int y, int[] argb, int[] sg) {
    byte[] d = px.data();
    int n = px.channels();
    for (int x = 0, i = y * px.width() * n; x < argb.length; x++, i += n) {
      int v = argb(d, i, n);
      int g = v >>> 8 & 0xFF;
      argb[x] = v;
      sg[x] = v & 0xFF00FF00 | ((v >>> 16) - g & 0xFF) << 16 | ((v & 0xFF) - g & 0xFF);
    }
  }

  private static int argb(byte[] d, int i, int n) {
    int a = n == 4 ? d[i + 3] & 0xFF : 0xFF;
    return a << 24 | (d[i] & 0xFF) << 16 | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF);
  }

  private static double entropyBits(long[] histogram) {
    long n = 0;
    for (long c : histogram) {
      n += c;
    }
    double bits = 0;
    for (long c : histogram) {
      if (c > 0) {
        bits += c * Math.log((double) n / c);
      }
    }
    return bits / Math.log(2);
  }
}
