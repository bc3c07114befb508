package dev.optimizr.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link RunSummary} as a box-drawn report in which every line has exactly {@link #WIDTH}
 * characters; long values and sentences wrap inside the box. Stateless and thread-safe.
 */
public final class BoxReport {
  /** Characters per line, borders included. */
  public static final int WIDTH = 80;

  private static final int INNER = WIDTH - 4; // "║ " + text + " ║"
  private static final int LABEL = 26;

  private final List<String> lines = new ArrayList<>();

  private BoxReport() {}

  /** Writes the report for {@code s} to {@code out}; numbers are formatted with {@link Locale#ROOT}. */
  public static void render(RunSummary s, PrintWriter out) {
    BoxReport b = new BoxReport();
    b.build(s);
    for (String line : b.lines) {
      out.println(line);
    }
    out.flush();
  }

  private void build(RunSummary s) {
    lines.add("╔" + "═".repeat(WIDTH - 2) + "╗");
    text("OPTIMIZR RUN REPORT" + (s.run().interrupted() ? " (INTERRUPTED)" : ""));
    execution(s.run());
    files(s.files());
    sizes(s.sizes());
    performance(s.timing(), s.stages());
    memory(s.memory(), s.memorySnapshots().size());
    gc(s.gc());
    cpu(s.cpu());
    section("RECOMMENDATIONS");
    for (String r : s.recommendations()) {
      bullet(r);
    }
    lines.add("╚" + "═".repeat(WIDTH - 2) + "╝");
  }

  private void execution(RunSummary.Run r) {
    section("EXECUTION");
    row("Started", r.startTime());
    row("Ended", r.endTime());
    row("Duration", r.duration() + " (" + f("%.3f s", r.durationSeconds()) + ")");
    row("Input", r.inputDir());
    row("Output", r.outputDir());
    row("Workers / quality", r.workers() + " / " + r.quality());
  }

  private void files(RunSummary.Files n) {
    section("FILE STATISTICS");
    row("Found", Long.toString(n.totalFiles()));
    row("Converted", Long.toString(n.processedFiles()));
    row("Failed", n.failedFiles() + f(" (%.2f %%)", n.errorRatePercent()));
    row("Skipped (up to date)", Long.toString(n.skippedFiles()));
    row("Converted with warnings", Long.toString(n.warningFiles()));
    for (Map.Entry<String, Long> e : n.errorsByType().entrySet()) {
      row("  " + e.getKey(), Long.toString(e.getValue()));
    }
  }

  private void sizes(RunSummary.Sizes z) {
    section("SIZE METRICS");
    row("Input", bytes(z.totalInputBytes()));
    row("Output", bytes(z.totalOutputBytes()));
    row("Saved", bytes(z.bytesSaved()) + f(" (%.2f %%)", z.spaceSavingPercent()));
    row("Compression ratio", f("%.3f : 1", z.compressionRatio()));
    row("Larger than source", Long.toString(z.outputLargerThanInputFiles()));
  }

  private void performance(RunSummary.Timing t, List<RunSummary.StageSummary> stages) {
    section("PERFORMANCE");
    row("Per image avg / min / max", f("%.1f / %.1f / %.1f ms", t.avgProcessingTimeMs(), t.minProcessingTimeMs(),
        t.maxProcessingTimeMs()));
    row("Per image p50 / p95 / p99", f("%.1f / %.1f / %.1f ms", t.p50ProcessingTimeMs(), t.p95ProcessingTimeMs(),
        t.p99ProcessingTimeMs()));
    row("Throughput", f("%.2f MB/s, %.2f images/s, %.2f MP/s", t.throughputMbPerSec(), t.imagesPerSecond(),
        t.megapixelsPerSecond()));
    row("Megapixels", f("%.1f", t.totalInputMegapixels()));
    for (RunSummary.StageSummary st : stages) {
      row("  " + st.stage(), f("%5.1f %% of time, avg %.1f ms, %.0f MB allocated", st.sharePercent(), st.avgMs(),
          st.allocatedMb()));
    }
  }

  private void memory(RunSummary.Memory m, int snapshots) {
    section("MEMORY");
    row("Peak heap used (sampled)", f("%.1f MB of %.0f MB max", m.peakMemoryAllocMb(), m.heapMaxMb()));
    row("Peak resident (RSS)", f("%.1f MB", m.peakMemorySysMb()));
    row("Heap min / max / range", f("%.1f / %.1f / %.1f MB", m.memoryMinMb(), m.memoryMaxMb(), m.memoryRangeMb()));
    row("Post-GC floor trend", f("%.1f MB/hour", m.heapFloorTrendMbPerHour()));
    row("Stable", m.memoryStable() ? "yes" : "NO: the post-GC heap floor is rising");
    row("Snapshots", Integer.toString(snapshots));
  }

  private void gc(RunSummary.Gc g) {
    section("GC");
    row("Collections", g.totalGcRuns() + " (" + g.forcedGcRuns() + " forced by the 70 % heap guard)");
    row("Pause avg / max / total", f("%.2f / %.0f / %.0f ms", g.avgGcPauseMs(), g.maxGcPauseMs(),
        g.gcPauseTotalMs()));
  }

  private void cpu(RunSummary.Cpu c) {
    section("CPU/IO");
    row("Processors", Integer.toString(c.availableProcessors()));
    row("Process CPU time", f("%.1f s (%.1f %% utilisation)", c.processCpuSeconds(), c.cpuUtilizationPercent()));
    text(c.cpuBoundAnalysis());
  }

  private void section(String title) {
    String head = "╠═ " + title + " ";
    lines.add(head + "═".repeat(WIDTH - 1 - head.length()) + "╣");
  }

  /** A label column and a value that wraps under itself. */
  private void row(String label, String value) {
    String l = label.length() >= LABEL ? label.substring(0, LABEL - 1) + " " : pad(label, LABEL);
    List<String> parts = wrap(value, INNER - LABEL);
    for (int i = 0; i < parts.size(); i++) {
      put((i == 0 ? l : " ".repeat(LABEL)) + parts.get(i));
    }
  }

  private void text(String paragraph) {
    for (String p : wrap(paragraph, INNER)) {
      put(p);
    }
  }

  private void bullet(String paragraph) {
    List<String> parts = wrap(paragraph, INNER - 2);
    for (int i = 0; i < parts.size(); i++) {
      put((i == 0 ? "- " : "  ") + parts.get(i));
    }
  }

  private void put(String content) {
    lines.add("║ " + pad(content, INNER) + " ║");
  }

  /** Greedy word wrap; words longer than the width (paths) are cut. */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      while (word.length() > width) {
        if (line.length() > 0) {
          out.add(line.toString());
          line.setLength(0);
        }
        out.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0 || out.isEmpty()) {
      out.add(line.toString());
    }
    return out;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** Human-readable bytes with binary units. */
  public static String bytes(long b) {
    double v = Math.abs(b);
    String sign = b < 0 ? "-" : "";
    if (v < 1024) {
      return sign + (long) v + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    int i = -1;
    do {
      v /= 1024;
      i++;
    } while (v >= 1024 && i < units.length - 1);
    return sign + String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
