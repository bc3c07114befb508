package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.TreeCount;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which images the audit samples: reproducible for a seed, about the asked share, never fewer than 50. */
class QualityAuditTest {
  private static final List<String> PATHS = IntStream.range(0, 20_000).mapToObj(i -> "d" + i % 37 + "/img" + i
      + ".jpg").toList();

  private static List<String> sample(QualityAudit.Plan plan, long treeSize) {
    QualityAudit a = new QualityAudit(plan, () -> new TreeCount(treeSize, true), new AuditCollector());
    return PATHS.stream().filter(a::sampled).toList();
  }

  @Test
  void sameSeed_sameSample_otherSeed_otherSample() {
    QualityAudit.Plan p = new QualityAudit.Plan(false, 1, 50, 7);
    assertThat(sample(p, PATHS.size())).isEqualTo(sample(p, PATHS.size()));
    assertThat(sample(p, PATHS.size())).isNotEqualTo(sample(new QualityAudit.Plan(false, 1, 50, 8), PATHS.size()));
  }

  @Test
  void onePercent_ofTwentyThousand_isAboutTwoHundred() {
    assertThat(sample(new QualityAudit.Plan(false, 1, 50, 1), PATHS.size()).size()).isBetween(150, 250);
  }

  @Test
  void aSmallTree_isSampledUpToTheMinimum() {
    // 400 images: 1 % would be 4, the minimum asks for 50 (a rate of 12.5 %)
    long n = PATHS.subList(0, 400).stream()
        .filter(new QualityAudit(new QualityAudit.Plan(false, 1, 50, 1), () -> new TreeCount(400, true),
            new AuditCollector())::sampled).count();
    assertThat(n).isBetween(30L, 75L);
    assertThat(sample(new QualityAudit.Plan(true, 0, 50, 1), PATHS.size())).hasSize(PATHS.size());
  }

  @Test
  void whileTheTreeIsStillBeingCounted_theSampleIsThePercentage_notRaisedByTheCountSoFar() {
    // 400 found so far of a tree still being listed: the minimum waits for the total
    QualityAudit counting = new QualityAudit(new QualityAudit.Plan(false, 1, 50, 1), () -> new TreeCount(400, false),
        new AuditCollector());
    QualityAudit counted = new QualityAudit(new QualityAudit.Plan(false, 1, 50, 1), () -> new TreeCount(400, true),
        new AuditCollector());
    List<String> first = PATHS.subList(0, 400);
    assertThat(first.stream().filter(counting::sampled).count()).isBetween(0L, 12L);
    assertThat(first.stream().filter(counted::sampled).count()).isBetween(30L, 75L);
    assertThat(first.stream().filter(counting::sampled)).allMatch(counted::sampled);
  }
}
