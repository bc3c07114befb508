package dev.optimizr.pipeline;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.TreeCount;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.EncodedTap;
import dev.optimizr.codec.ImageFormat;
import dev.optimizr.codec.quality.AuditImages;
import dev.optimizr.codec.quality.AuditScore;
import java.util.function.Supplier;

/**
 * The quality audit of a run: picks a seeded sample of the converted images, decodes each one's WebP and scores
 * it against the pixels that were encoded, keeping the lowest scores' pictures for the report. Safe for any
 * number of worker threads. An image outside the sample costs one hash of its path.
 */
public final class QualityAudit {
  /**
   * What to audit.
   *
   * @param all every converted image
   * @param percent the sample's share of the images otherwise, 0–100
   * @param minimum at least this many images (all of them when the tree holds fewer)
   * @param seed picks the sample: the same seed and tree give the same sample
   */
  public record Plan(boolean all, double percent, int minimum, long seed) {
    public static final Plan DEFAULT = new Plan(false, 1.0, 50, 1);

    public Plan {
      if (!(percent >= 0 && percent <= 100)) {
        throw new IllegalArgumentException("-audit-sample must be between 0 and 100, got " + percent);
      }
    }
  }

  private final Plan plan;
  private final Supplier<TreeCount> tree;
  private final AuditCollector results;

  /** @param tree the number of images in the tree (so far), for the minimum sample */
  public QualityAudit(Plan plan, Supplier<TreeCount> tree, AuditCollector results) {
    this.plan = plan;
    this.tree = tree;
    this.results = results;
  }

  /** The tap that audits {@code job}, or {@link EncodedTap#NONE} when it is not in the sample. */
  EncodedTap tapFor(Job job) {
    return sampled(job.relative()) ? (px, webp, format) -> audit(job.relative(), px, webp, format)
        : EncodedTap.NONE;
  }

  /**
   * True when {@code relative} is in the sample: its seeded hash falls below the sampling rate, which is the
   * plan's percentage, raised so that the tree's image count yields the minimum once that count is complete.
   * Images converted while the tree is still being counted are sampled at the plain percentage: a count so far
   * is too low, and would sample the first images of a run at a rate its whole tree does not need (on a bucket,
   * whose listing takes a while, half again as many images as planned).
   */
  boolean sampled(String relative) {
    if (plan.all()) {
      return true;
    }
    double rate = plan.percent() / 100.0;
    TreeCount count = tree.get();
    if (count.complete()) {
      rate = Math.max(rate, Math.min(1.0, (double) plan.minimum() / Math.max(1, count.found())));
    }
    return unit(plan.seed(), relative) < rate;
  }

  /** A uniform number in [0, 1) from the seed and the path (FNV-1a, then SplitMix64's finaliser). */
  static double unit(long seed, String relative) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < relative.length(); i++) {
      h = (h ^ relative.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
  }

  private void audit(String relative, dev.optimizr.codec.pixels.Pixels px, byte[] webp, ImageFormat format) {
    long start = System.nanoTime();
    AuditScore score;
    try {
      score = AuditScore.of(px, webp);
    } catch (ConversionException | RuntimeException e) {
      // the output is written and counted; an audit that cannot score it says so in the report
      results.failed(System.nanoTime() - start);
      return;
    }
    results.scored(score.ssim(), System.nanoTime() - start);
    if (results.wouldShow(score.ssim())) {
      long pictures = System.nanoTime();
      AuditImages img = AuditImages.of(px, score);
      results.offer(new AuditCollector.Entry(relative, score.ssim(), score.worstTileSsim(), px.width(),
          px.height(), img.sourceThumb(), img.webpThumb(), img.sourceCrop(), img.webpCrop()));
      results.spent(System.nanoTime() - pictures);
    }
  }
}
