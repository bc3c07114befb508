package dev.optimizr.report;

import dev.optimizr.analytics.AuditCollector;

/** The quality audit's numbers as summary.json and /metrics give them. Stateless. */
public final class AuditNumbers {
  private AuditNumbers() {}

  /** count, p5, median, min (rounded to 5 decimals; null when nothing was scored) and the seconds spent. */
  public static RunSummary.Audit of(AuditCollector.Snapshot a) {
    return new RunSummary.Audit(a.count(), round(a.p5()), round(a.median()), round(a.min()),
        Math.round(a.nanos() / 1e6) / 1000.0);
  }

  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1e5) / 1e5;
  }
}
