package dev.optimizr.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void format_likeGoTimeDurationString() {
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofMillis(150))).isEqualTo("150ms");
    assertThat(GoDuration.format(Duration.ofMillis(205_500))).isEqualTo("3m25.5s");
    assertThat(GoDuration.format(Duration.ofSeconds(3600))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
    assertThat(GoDuration.format(Duration.ofMillis(1_001))).isEqualTo("1.001s");
  }
}
