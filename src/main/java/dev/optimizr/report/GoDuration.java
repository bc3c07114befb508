package dev.optimizr.report;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations as Go's {@code time.Duration.String()} does ("3m25.5s", "1h2m0s", "150ms"). */
public final class GoDuration {
  private GoDuration() {}

  /** Go-style text for {@code d}, at millisecond precision. */
  public static String format(Duration d) {
    long millis = d.toMillis();
    if (millis == 0) {
      return "0s";
    }
    String sign = millis < 0 ? "-" : "";
    millis = Math.abs(millis);
    if (millis < 1000) {
      return sign + millis + "ms";
    }
    long h = millis / 3_600_000;
    long m = millis / 60_000 % 60;
    BigDecimal s = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros();
    StringBuilder b = new StringBuilder(sign);
    if (h > 0) {
      b.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      b.append(m).append('m');
    }
    return b.append(s.signum() == 0 ? "0" : s.toPlainString()).append('s').toString();
  }
}
