package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
  private static String randomPath(Random r, int i) {
    return "dir" + r.nextInt(50) + "/sub" + r.nextInt(20) + "/IMG_" + (1000 + i) + (i % 3 == 0 ? ".jpg" : ".png")
        + ".webp";
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {2, 3, 7, 16})
  void everyPathLandsInExactlyOneShard_andShardsAreBalanced(int n) {
    Random r = new Random(n);
    int paths = 10_000;
    int[] sizes = new int[n];
    for (int i = 0; i < paths; i++) {
      String p = randomPath(r, i);
      int owners = 0;
      for (int s = 0; s < n; s++) {
        if (new Shard(s, n).owns(p)) {
          owners++;
          sizes[s]++;
        }
      }
      assertThat(owners).as(p).isEqualTo(1);
    }
    double expected = (double) paths / n;
    for (int size : sizes) {
      // a fair hash keeps each shard within ±4 standard deviations of the mean (about ±4 % for n = 2)
      assertThat(Math.abs(size - expected)).isLessThan(4 * Math.sqrt(expected) + 1);
    }
  }

  @Test
  void hashIsStable_acrossRunsAndMachines() {
    // FNV-1a 64 of the UTF-8 output path, mod N: these values are part of the documented contract.
    assertThat(Shard.of("a/b/c.webp", 1_000_003)).isEqualTo(Shard.of("a/b/c.webp", 1_000_003));
    assertThat(Long.toHexString(fnv("a"))).isEqualTo("af63dc4c8601ec8c"); // published FNV-1a 64 test vector
    assertThat(Shard.of("a", 1 << 30)).isEqualTo((int) Long.remainderUnsigned(fnv("a"), 1 << 30));
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Test
  void parse_acceptsIOfN_andRejectsTheRest() {
    assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
    assertThatThrownBy(() -> Shard.parse("3/3")).hasMessageContaining("0 <= I < N");
    assertThatThrownBy(() -> Shard.parse("1-3")).hasMessageContaining("I/N");
    assertThat(new Shard(1, 3).fileName("summary.json")).isEqualTo("summary-1-of-3.json");
    assertThat(new Shard(1, 3).fileName(".optimizr.lock")).isEqualTo(".optimizr-1-of-3.lock");
    assertThat(Shard.ALL.fileName("summary.json")).isEqualTo("summary.json");
  }
}
