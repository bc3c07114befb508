package dev.optimizr.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of N disjoint parts of a tree, for N processes or pods over the same input and output. A file belongs
 * to shard {@code FNV-1a-64(UTF-8 bytes of its output path relative to the output root, '/'-separated)
 * mod N} (unsigned). Hashing the output path keeps c.jpg and c.png (one output) in the same shard, so
 * collisions are still detected, and lets a shard recognise its own temp files. Immutable.
 *
 * @param index 0 … count-1 (Kubernetes' JOB_COMPLETION_INDEX)
 * @param count number of shards; 1 means no sharding
 */
public record Shard(int index, int count) {
  /** The whole tree. */
  public static final Shard ALL = new Shard(0, 1);

  private static final Pattern SPEC = Pattern.compile("(\\d{1,6})/(\\d{1,6})");
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("--shard must be I/N with 0 <= I < N, got " + index + "/" + count);
    }
  }

  /** Parses "I/N". */
  public static Shard parse(String spec) {
    Matcher m = SPEC.matcher(spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--shard must be I/N (e.g. 0/3), got '" + spec + "'");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** True when sharding is on. */
  public boolean sharded() {
    return count > 1;
  }

  /** True when the output at {@code outputRelative} belongs to this shard. */
  public boolean owns(String outputRelative) {
    return !sharded() || of(outputRelative, count) == index;
  }

  /** The shard of {@code outputRelative} among {@code count}. */
  public static int of(String outputRelative, int count) {
    long h = FNV_OFFSET;
    for (byte b : outputRelative.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= FNV_PRIME;
    }
    return (int) Long.remainderUnsigned(h, count);
  }

  /** {@code name.ext} → {@code name-I-of-N.ext} when sharded, for the per-shard report, state and lock files. */
  public String fileName(String name) {
    if (!sharded()) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String suffix = "-" + index + "-of-" + count;
    return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
  }
}
