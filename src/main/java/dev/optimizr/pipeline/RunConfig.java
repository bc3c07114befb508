package dev.optimizr.pipeline;

import dev.optimizr.codec.DecodeLimits;
import java.nio.file.Path;

/**
 * Everything one run needs, validated on construction. Immutable.
 *
 * @param input root of the tree to convert
 * @param output root of the mirrored WebP tree
 * @param workers conversion threads (1–256); the queue holds {@code workers × 2} jobs
 * @param quality WebP quality 0–100
 * @param limits decoder limits (pixel cap, leniency)
 * @param keepExtension name outputs {@code c.jpg.webp} rather than {@code c.webp}, so c.jpg and c.png never collide
 */
public record RunConfig(Path input, Path output, int workers, int quality, DecodeLimits limits,
    boolean keepExtension) {
  public static final int MAX_WORKERS = 256;

  public RunConfig {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException("-workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("-quality must be between 0 and 100, got " + quality);
    }
  }

  /** Capacity of the job queue between the tree walker and the workers. */
  public int queueCapacity() {
    return workers * 2;
  }
}
