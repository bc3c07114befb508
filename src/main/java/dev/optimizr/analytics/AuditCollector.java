package dev.optimizr.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quality audit's results: every sampled image's SSIM, and the gallery of the lowest-scoring ones with their
 * pictures. Safe for any number of threads; each call takes a short lock. Memory: 8 bytes per audited image plus
 * {@value #GALLERY} galleries' pictures.
 */
public final class AuditCollector {
  /** Images shown in the report's gallery. */
  public static final int GALLERY = 12;

  private double[] scores = new double[64];
  private int count;
  private final List<Entry> gallery = new ArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  /** One image of the gallery: its scores and its pictures (JPEG thumbnails, PNG 1:1 crops). */
  public record Entry(String path, double ssim, double regionSsim, int width, int height, byte[] sourceThumb,
      byte[] webpThumb, byte[] sourceCrop, byte[] webpCrop) {}

  /** Records one audited image's SSIM and the time its audit took. */
  public synchronized void scored(double ssim, long auditNanos) {
    if (count == scores.length) {
      scores = Arrays.copyOf(scores, count * 2);
    }
    scores[count++] = ssim;
    nanos.addAndGet(auditNanos);
  }

  /** An image the audit could not score (its WebP did not decode). */
  public void failed(long auditNanos) {
    failures.incrementAndGet();
    nanos.addAndGet(auditNanos);
  }

  /** True when an image scoring {@code ssim} would enter the gallery (so its pictures are worth making). */
  public synchronized boolean wouldShow(double ssim) {
    return gallery.size() < GALLERY || ssim < gallery.get(gallery.size() - 1).ssim();
  }

  /** Offers {@code e} to the gallery; it stays if it is among the lowest {@value #GALLERY}. */
  public synchronized void offer(Entry e) {
    gallery.add(e);
    gallery.sort(Comparator.comparingDouble(Entry::ssim).thenComparing(Entry::path));
    if (gallery.size() > GALLERY) {
      gallery.remove(gallery.size() - 1);
    }
  }

  /** Adds time spent on the audit outside {@link #scored} (the gallery's pictures). */
  public void spent(long auditNanos) {
    nanos.addAndGet(auditNanos);
  }

  /** An immutable copy of the results so far. */
  public synchronized Snapshot snapshot() {
    double[] sorted = Arrays.copyOf(scores, count);
    Arrays.sort(sorted);
    return new Snapshot(count, failures.get(), sorted.length == 0 ? Double.NaN : sorted[0],
        percentile(sorted, 5), percentile(sorted, 50), histogram(sorted), List.copyOf(gallery), nanos.get());
  }

  /** Nearest-rank percentile of sorted values, NaN when there are none. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** SSIM histogram bins: below {@link Snapshot#HISTOGRAM_FROM}, then steps of {@link Snapshot#HISTOGRAM_STEP}. */
  private static long[] histogram(double[] sorted) {
    long[] bins = new long[Snapshot.HISTOGRAM_BINS];
    for (double s : sorted) {
      int b = s < Snapshot.HISTOGRAM_FROM ? 0
          : 1 + (int) Math.floor((s - Snapshot.HISTOGRAM_FROM) / Snapshot.HISTOGRAM_STEP);
      bins[Math.min(bins.length - 1, b)]++;
    }
    return bins;
  }

  /**
   * The audit at one moment. Immutable.
   *
   * @param count images scored
   * @param failed sampled images whose WebP could not be decoded for scoring
   * @param min lowest SSIM, NaN when none were scored (also {@code p5}, {@code median})
   * @param bins images per SSIM bin: bin 0 below {@link #HISTOGRAM_FROM}, then {@link #HISTOGRAM_STEP} wide
   * @param gallery the lowest-scoring images, lowest first
   * @param nanos time spent auditing, summed over the workers
   */
  public record Snapshot(long count, long failed, double min, double p5, double median, long[] bins,
      List<Entry> gallery, long nanos) {
    public static final double HISTOGRAM_FROM = 0.80;
    public static final double HISTOGRAM_STEP = 0.01;
    public static final int HISTOGRAM_BINS = 22; // below 0.80, 0.80 … 0.99, and 1.00 itself

    public Snapshot {
      bins = bins.clone();
      gallery = List.copyOf(gallery);
    }

    /** No audit ran. */
    public static final Snapshot NONE = new Snapshot(0, 0, Double.NaN, Double.NaN, Double.NaN,
        new long[HISTOGRAM_BINS], List.of(), 0);
  }
}
