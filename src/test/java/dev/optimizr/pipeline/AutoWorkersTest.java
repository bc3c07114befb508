package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AutoWorkersTest {
  private static final long MB = 1 << 20;

  @Test
  void oneCpu_oneWorker_moreCpus_oneWorkerEachPlusOne() {
    assertThat(AutoWorkers.resolve(1, 4096 * MB)).isEqualTo(1);
    assertThat(AutoWorkers.resolve(2, 4096 * MB)).isEqualTo(3);
    assertThat(AutoWorkers.resolve(8, 16384 * MB)).isEqualTo(9);
  }

  /** No more workers than the shared budget holds photos: a small heap keeps a big machine's pool small. */
  @Test
  void smallHeap_capsTheCount() {
    assertThat(AutoWorkers.resolve(16, 512 * MB)).isEqualTo(3); // 358 MB of budget, 100 MB per photo
    assertThat(AutoWorkers.resolve(64, 64 * MB)).isEqualTo(1);
    assertThat(AutoWorkers.resolve(1024, 1L << 40)).isEqualTo(RunConfig.MAX_WORKERS);
  }

  @Test
  void parse_takesNumbersAndAuto_only() {
    assertThat(AutoWorkers.parse("7")).isEqualTo(7);
    assertThat(AutoWorkers.parse("AUTO")).isEqualTo(AutoWorkers.resolve()).isPositive();
    assertThatThrownBy(() -> AutoWorkers.parse("many")).hasMessage("expected a number or auto, got 'many'");
  }
}
