package dev.optimizr.cli.flags;

import dev.optimizr.cli.UsageException;
import dev.optimizr.pipeline.QualityAudit;
import picocli.CommandLine.Option;

/** The quality audit's flags: which converted images report.html scores, and with which seed. */
public final class AuditFlags {
  /** What {@code -audit} accepts, in the lower case users type. */
  static final class Modes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("sample", "all", "off").iterator();
    }
  }

  @Option(names = {"-audit", "--audit"}, paramLabel = "sample|all|off", defaultValue = "sample",
      completionCandidates = Modes.class,
      description = "Quality audit in report.html: decode the WebP and score it (SSIM) against the pixels encoded; "
          + "sample, all or off (default: ${DEFAULT-VALUE}).")
  String mode = "sample";

  @Option(names = {"-audit-sample", "--audit-sample"}, paramLabel = "PCT", defaultValue = "1",
      description = "Share of the converted images the audit samples, 0-100; at least 50 images "
          + "(default: ${DEFAULT-VALUE}).")
  double percent = 1;

  @Option(names = {"-audit-seed", "--audit-seed"}, paramLabel = "N", defaultValue = "1",
      description = "Picks the audit's sample: the same seed and tree give the same images (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  /** The plan, or null under {@code -audit off}. */
  public QualityAudit.Plan toPlan() throws UsageException {
    String m = mode.toLowerCase(java.util.Locale.ROOT);
    if (!java.util.List.of("sample", "all", "off").contains(m)) {
      throw new UsageException("-audit must be sample, all or off, got " + mode);
    }
    if (m.equals("off")) {
      return null;
    }
    try {
      return new QualityAudit.Plan(m.equals("all"), percent, QualityAudit.Plan.DEFAULT.minimum(), seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
