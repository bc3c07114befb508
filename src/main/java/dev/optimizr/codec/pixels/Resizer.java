package dev.optimizr.codec.pixels;

/**
 * Shrinks {@link Pixels} to fit a bounding box, keeping the aspect ratio and never enlarging. Separable
 * Lanczos-3 whose support widens with the reduction (every source pixel contributes, as in Pillow's
 * resample), so large ratios neither alias nor drop detail as a one-step bilinear shrink would.
 * Stateless and thread-safe.
 *
 * <p>Memory: a horizontal pass into an 8-bit buffer of (new width × old height), then the vertical pass; with
 * the source this is at most three image-sized arrays, within the converter's admission estimate.
 * Alpha images are resampled premultiplied, so transparent pixels' colours do not bleed into edges.
 */
public final class Resizer {
  private static final int LOBES = 3;

  private Resizer() {}

  /** The size {@code w}×{@code h} becomes under the limits (0 = no limit on that side). */
  public static int[] fit(int w, int h, int maxWidth, int maxHeight) {
    double scale = 1;
    if (maxWidth > 0 && w > maxWidth) {
      scale = Math.min(scale, (double) maxWidth / w);
    }
    if (maxHeight > 0 && h > maxHeight) {
      scale = Math.min(scale, (double) maxHeight / h);
    }
    if (scale >= 1) {
      return new int[] {w, h};
    }
    int nw = (int) Math.max(1, Math.round(w * scale));
    int nh = (int) Math.max(1, Math.round(h * scale));
    // Rounding must not break the box: the side that set the scale is exactly its limit.
    return new int[] {maxWidth > 0 ? Math.min(nw, maxWidth) : nw, maxHeight > 0 ? Math.min(nh, maxHeight) : nh};
  }

  /** Returns {@code px} shrunk to fit, or {@code px} itself when it already fits. May modify {@code px}. */
  public static Pixels fit(Pixels px, int maxWidth, int maxHeight) {
    int[] size = fit(px.width(), px.height(), maxWidth, maxHeight);
    if (size[0] == px.width() && size[1] == px.height()) {
      return px;
    }
    int n = px.channels();
    if (px.hasAlpha()) {
      premultiply(px.data());
    }
    byte[] wide = horizontal(px.data(), px.width(), px.height(), n, size[0]);
    byte[] out = vertical(wide, size[0], px.height(), n, size[1]);
    if (px.hasAlpha()) {
      unpremultiply(out);
    }
    return new Pixels(size[0], size[1], n, out);
  }

  /** Per destination index: first source index and normalised weights. */
  private record Taps(int[] start, float[][] weights) {}

  private static Taps taps(int src, int dst) {
    double scale = (double) dst / src;
    double support = LOBES / Math.min(scale, 1.0);
    int[] start = new int[dst];
    float[][] weights = new float[dst][];
    for (int i = 0; i < dst; i++) {
      double centre = (i + 0.5) / scale;
      int lo = Math.max(0, (int) Math.floor(centre - support));
      int hi = Math.min(src - 1, (int) Math.ceil(centre + support));
      float[] w = new float[hi - lo + 1];
      double sum = 0;
      for (int s = lo; s <= hi; s++) {
        double v = lanczos((s + 0.5 - centre) * Math.min(scale, 1.0));
        w[s - lo] = (float) v;
        sum += v;
      }
      for (int k = 0; k < w.length; k++) {
        w[k] /= sum;
      }
      start[i] = lo;
      weights[i] = w;
    }
    return new Taps(start, weights);
  }

  private static double lanczos(double x) {
    if (x == 0) {
      return 1;
    }
    if (Math.abs(x) >= LOBES) {
      return 0;
    }
    double px = Math.PI * x;
    return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
  }

  private static byte[] horizontal(byte[] src, int w, int h, int n, int dw) {
    Taps t = taps(w, dw);
    byte[] out = new byte[dw * h * n];
    float[] acc = new float[n];
    for (int y = 0; y < h; y++) {
      int row = y * w * n;
      for (int x = 0; x < dw; x++) {
        java.util.Arrays.fill(acc, 0);
        float[] wt = t.weights()[x];
        int s = row + t.start()[x] * n;
        for (int k = 0; k < wt.length; k++, s += n) {
          for (int c = 0; c < n; c++) {
            acc[c] += wt[k] * (src[s + c] & 0xFF);
          }
        }
        int d = (y * dw + x) * n;
        for (int c = 0; c < n; c++) {
          out[d + c] = clamp(acc[c]);
        }
      }
    }
    return out;
  }

  private static byte[] vertical(byte[] src, int w, int h, int n, int dh) {
    Taps t = taps(h, dh);
    int rowLen = w * n;
    byte[] out = new byte[dh * rowLen];
    float[] acc = new float[rowLen];
    for (int y = 0; y < dh; y++) {
      java.util.Arrays.fill(acc, 0);
      float[] wt = t.weights()[y];
      for (int k = 0; k < wt.length; k++) {
        int s = (t.start()[y] + k) * rowLen;
        float f = wt[k];
        for (int i = 0; i < rowLen; i++) {
          acc[i] += f * (src[s + i] & 0xFF);
        }
      }
      int d = y * rowLen;
      for (int i = 0; i < rowLen; i++) {
        out[d + i] = clamp(acc[i]);
      }
    }
    return out;
  }

  private static byte clamp(float v) {
    int i = Math.round(v); // Lanczos lobes overshoot at edges
    return (byte) (i < 0 ? 0 : Math.min(i, 255));
  }

  private static void premultiply(byte[] rgba) {
    for (int i = 0; i < rgba.length; i += 4) {
      int a = rgba[i + 3] & 0xFF;
      for (int c = 0; c < 3; c++) {
        rgba[i + c] = (byte) (((rgba[i + c] & 0xFF) * a + 127) / 255);
      }
    }
  }

  private static void unpremultiply(byte[] rgba) {
    for (int i = 0; i < rgba.length; i += 4) {
      int a = rgba[i + 3] & 0xFF;
      for (int c = 0; c < 3; c++) {
        rgba[i + c] = a == 0 ? 0 : (byte) Math.min(255, ((rgba[i + c] & 0xFF) * 255 + a / 2) / a);
      }
    }
  }
}
