package dev.optimizr.analytics;

/**
 * How many candidate images the counting walk has found in the input tree so far. Immutable.
 *
 * @param found images found so far (after the run's filters: shard, {@code -retry-failed})
 * @param complete true once the walk reached the end of the tree, so {@code found} is the run's total
 */
public record TreeCount(long found, boolean complete) {
  /** Nothing counted (yet). */
  public static final TreeCount NONE = new TreeCount(0, false);

  public TreeCount {
    if (found < 0) {
      throw new IllegalArgumentException("found must be >= 0, got " + found);
    }
  }

  /** Images not yet converted, skipped or failed when {@code done} are; a lower bound while counting. */
  public long pending(long done) {
    return Math.max(0, found - done);
  }
}
