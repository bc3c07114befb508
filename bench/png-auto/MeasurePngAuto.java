package dev.optimizr.codec.quality;
import dev.optimizr.codec.DecodeLimits; import dev.optimizr.codec.ImageDecoder; import dev.optimizr.codec.ImageFormat;
import dev.optimizr.codec.pixels.ColorProfiles; import dev.optimizr.codec.pixels.PixelNormalizer; import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.EncodeSettings; import dev.optimizr.codec.webp.WebPEncoder;
import java.lang.management.*; import java.nio.file.*; import java.util.*;
/**
 * Measures the -png auto rule (docs/png-auto.md): for each PNG listed in the file given as the first
 * argument, prints one tab-separated line:
 *   1 path, 2 bytes, 3 width, 4 height, 5 distinct colours (counted up to 2^20), 6 transparent share,
 *   7 lossy q80 bytes, 8 lossless bytes (q80 m4), 9 lossy ms, 10 lossless ms, 11 predictable share (the
 *   share of pixels equal to the clamped gradient prediction; the simple rule tried lossless at 0.5 or more),
 *   12 channels, 13 share of the most common colour, 14 translucent share (alpha below 255),
 *   15 fast lossless bytes (q0 m0), 16 fast lossless ms, 17 decode ms, 18 ms of the simple rule (colour count
 *   to 257 and predictable share), 19 LosslessEstimate.bytes, 20 its ms, 21 GraphicsDetector.worthTryingLossless
 *   (1 = lossless tried), 22 the estimate with every row read (no strips), 23 its ms, 24 ms of
 *   worthTryingLossless (the rule's own cost: the estimate where it is reached, and the sampled lossless encode
 *   of an image over 1 MP where that is reached), 25 the estimate reading 8 rows of every 32 in images over
 *   1 MP (the previous rule's sampling; it tried lossless at 3x the lossy size), 26 its ms.
 * Times are this thread's CPU time in milliseconds (libwebp runs on the calling thread), not wall time, so that
 * other work on the machine does not inflate them. Not part of the build:
 *   mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt && mvn -B -q -DskipTests compile
 *   javac -cp target/classes:$(cat cp.txt) -d /tmp/m bench/png-auto/MeasurePngAuto.java
 *   find DIR -name '*.png' | sort > list; java -cp /tmp/m:target/classes:$(cat cp.txt) dev.optimizr.codec.quality.MeasurePngAuto list
 * Env: SKIP_FAST=1 leaves out columns 15-16 (printed as -1); SKIP_LOSSLESS=1 also 8 and 10, the slow part;
 * ONLY_ESTIMATE=1 also 7, 9 and 21 (re-measure the estimate; join the encodes from an earlier run, see
 * bench/png-auto/rule-table.py).
 */
public class MeasurePngAuto {
  static final ThreadMXBean T = ManagementFactory.getThreadMXBean();
  static long cpu() { return T.getCurrentThreadCpuTime(); }
  static double ms(long t0, long t1) { return (t1 - t0) / 1e6; }

  public static void main(String[] a) throws Exception {
    EncodeSettings s = new EncodeSettings(80, 4);
    EncodeSettings fast = new EncodeSettings(0, 0).asLossless();
    boolean onlyEstimate = "1".equals(System.getenv("ONLY_ESTIMATE"));
    boolean skipLossless = onlyEstimate || "1".equals(System.getenv("SKIP_LOSSLESS"));
    boolean skipFast = skipLossless || "1".equals(System.getenv("SKIP_FAST"));
    for (String line : Files.readAllLines(Paths.get(a[0]))) {
      Path p = Paths.get(line);
      try {
        byte[] data = Files.readAllBytes(p);
        if (ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH)) != ImageFormat.PNG) continue;
        Pixels px;
        long d0 = cpu();
        try (ImageDecoder d = ImageDecoder.open(data, ImageFormat.PNG, new DecodeLimits(100_000_000, false))) {
          ImageDecoder.Decoded dec = d.decode();
          px = PixelNormalizer.toPixels(dec.image());
          if (ColorProfiles.needsConversion(dec.profile())) px = ColorProfiles.toSrgb(px, dec.profile());
        }
        long d1 = cpu();
        long r0 = cpu();
        colours(px, 257);
        double flat = predictable(px);
        long r1 = cpu();
        long[] counts = colourStats(px);
        long n = px.width() * (long) px.height();
        long transparent = 0, translucent = 0;
        if (px.hasAlpha()) for (int i = 3; i < px.data().length; i += 4) {
          if (px.data()[i] == 0) transparent++;
          if (px.data()[i] != (byte) 0xFF) translucent++;
        }
        long t0 = cpu();
        int lossy = onlyEstimate ? -1 : WebPEncoder.encode(px, s).length;
        long t1 = cpu();
        int ll = skipLossless ? -1 : WebPEncoder.encode(px, s.asLossless()).length;
        long t2 = cpu();
        int fl = skipFast ? -1 : WebPEncoder.encode(px, fast).length;
        long t3 = cpu();
        long est = LosslessEstimate.bytes(px);
        long t4 = cpu();
        int tried = onlyEstimate ? -1 : GraphicsDetector.worthTryingLossless(px, lossy, s.asLossless()) ? 1 : 0;
        long t5 = cpu();
        long full = fullEstimate(px);
        long t6 = cpu();
        long previous = n > LosslessEstimate.SAMPLE_ABOVE_PIXELS ? LosslessEstimate.bytes(px, 8, 32) : est;
        long t7 = cpu();
        System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%.4f\t%d\t%d\t%.2f\t%.2f\t%.4f\t%d\t%.4f\t%.4f\t%d\t%.2f\t%.2f\t%.2f\t%d\t%.2f\t%d\t%d\t%.2f\t%.2f\t%d\t%.2f%n",
            line, data.length, px.width(), px.height(), counts[0], transparent / (double) n, lossy, ll,
            onlyEstimate ? -1 : ms(t0, t1), skipLossless ? -1 : ms(t1, t2), flat, px.channels(), counts[1] / (double) n,
            translucent / (double) n, fl, skipFast ? -1 : ms(t2, t3), ms(d0, d1), ms(r0, r1), est, ms(t3, t4), tried,
            full, ms(t5, t6), onlyEstimate ? -1 : ms(t4, t5), previous,
            n > LosslessEstimate.SAMPLE_ABOVE_PIXELS ? ms(t6, t7) : ms(t3, t4));
      } catch (Exception e) { System.err.println(line + ": " + e); }
    }
  }

  /** LosslessEstimate.bytes reading every row: how much the strips change the estimate. */
  static long fullEstimate(Pixels px) {
    return LosslessEstimate.bytes(px, 1, 1);
  }

  /** Distinct RGBA values, counting stops at cap (the old rule's palette test, at cap 257). */
  static int colours(Pixels px, int cap) {
    Set<Integer> seen = new HashSet<>();
    byte[] d = px.data();
    int n = px.channels();
    for (int i = 0; i < d.length; i += n) {
      int v = (d[i] & 0xFF) << 16 | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) | (n == 4 ? (d[i + 3] & 0xFF) << 24 : 0);
      if (seen.add(v) && seen.size() >= cap) return cap;
    }
    return seen.size();
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
        if (ok) hits++;
      }
    }
    return hits / ((double) px.width() * px.height());
  }

  /** {distinct colours up to 2^20, count of the most common colour} with an open-addressing table. */
  static long[] colourStats(Pixels px) {
    int cap = 1 << 20, size = 1 << 22, mask = size - 1, distinct = 0;
    int[] keys = new int[size]; int[] cnt = new int[size]; boolean[] used = new boolean[size];
    byte[] d = px.data(); int ch = px.channels(); long top = 0;
    for (int i = 0; i < d.length; i += ch) {
      int v = (d[i] & 0xFF) << 16 | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) | (ch == 4 ? (d[i + 3] & 0xFF) << 24 : 0);
      int h = (v * 0x9E3779B1) >>> 10 & mask;
      while (used[h] && keys[h] != v) h = (h + 1) & mask;
      if (!used[h]) { if (distinct >= cap) continue; used[h] = true; keys[h] = v; distinct++; }
      top = Math.max(top, ++cnt[h]);
    }
    return new long[] {distinct, top};
  }
}
