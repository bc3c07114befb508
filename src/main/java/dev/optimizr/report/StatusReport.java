package dev.optimizr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.optimizr.state.RecordTotals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code optimizr status}: the migration as a whole across runs and shards, as text or JSON. Built
 * from the record's totals only; stateless.
 */
public final class StatusReport {
  /** Runs that converted something, newest first, whose throughput gives the ETA. */
  static final int ETA_RUNS = 5;
  /** Runs listed in the text form, newest last; a nightly cron run for years would otherwise list thousands. */
  static final int TEXT_RUNS = 20;

  private StatusReport() {}

  /**
   * What to render.
   *
   * @param output the output, as the user names it: an absolute path or an s3:// URL
   * @param records the record files read
   * @param input the input tree compared with the record (an absolute path or an s3:// URL), or null
   * @param inputFiles candidate images in the input (-1 without input)
   * @param pendingFiles of those, neither up to date nor failed (-1 without input)
   */
  public record Model(String output, List<Path> records, RecordTotals totals, String input, long inputFiles,
      long pendingFiles) {
    public Model {
      records = List.copyOf(records);
    }
  }

  /** The numbers as {@code --json} prints them (snake_case keys, stable order). */
  public static Map<String, Object> json(Model m) {
    RecordTotals t = m.totals();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("output_dir", m.output());
    j.put("records", m.records().stream().map(p -> p.getFileName().toString()).toList());
    j.put("converted_files", t.convertedFiles());
    j.put("failed_files", t.failedFiles());
    if (m.input() != null) {
      j.put("input_dir", m.input());
      j.put("total_files", m.inputFiles());
      j.put("pending_files", m.pendingFiles());
      double rate = filesPerSecond(t.runs());
      j.put("files_per_second", round(rate, 3));
      j.put("eta_seconds", rate > 0 ? Math.round(m.pendingFiles() / rate) : null);
    }
    j.put("input_bytes", t.inputBytes());
    j.put("output_bytes", t.outputBytes());
    j.put("space_saving_percent", round(saving(t), 2));
    j.put("failures_by_type", t.failuresByType().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
    List<Map<String, Object>> runs = new ArrayList<>();
    for (RecordTotals.Run r : t.runs()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("start_time", r.startTime());
      o.put("end_time", r.endTime());
      o.put("duration_seconds", r.finished() ? r.durationSeconds() : null);
      o.put("shard", r.shard());
      o.put("processed_files", r.processedFiles());
      o.put("failed_files", r.failedFiles());
      o.put("skipped_files", r.skippedFiles());
      o.put("input_bytes", r.inputBytes());
      o.put("output_bytes", r.outputBytes());
      o.put("interrupted", r.interrupted());
      o.put("finished", r.finished());
      o.put("exit_code", r.finished() ? r.exitCode() : null);
      runs.add(o);
    }
    j.put("runs", runs);
    return j;
  }

  public static void renderJson(Model m, PrintWriter out) throws IOException {
    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(m)));
  }

  /** A few lines a person reads at a glance: totals, failures, what is left, then one line per run. */
  public static void renderText(Model m, PrintWriter out) {
    RecordTotals t = m.totals();
    out.println("Migration into " + m.output() + " (" + m.records().size() + " record"
        + (m.records().size() == 1 ? "" : "s") + ": " + m.records().stream().map(p -> p.getFileName().toString())
        .collect(Collectors.joining(", ")) + ")");
    out.println(f("Converted  %,d files: %s -> %s (%.1f %% saved)", t.convertedFiles(),
        BoxReport.bytes(t.inputBytes()), BoxReport.bytes(t.outputBytes()), saving(t)));
    out.println(f("Failed     %,d files outstanding%s", t.failedFiles(), t.failuresByType().isEmpty() ? ""
        : ": " + t.failuresByType().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + " " + f("%,d", e.getValue())).collect(Collectors.joining(", "))));
    if (m.input() != null) {
      double rate = filesPerSecond(t.runs());
      String eta = m.pendingFiles() == 0 ? "" : rate > 0 ? f("; about %s at %.2f files/s (recent runs)",
          GoDuration.format(Duration.ofSeconds(Math.round(m.pendingFiles() / rate))), rate)
          : "; no run has converted anything yet to estimate the time";
      out.println(f("Pending    %,d of %,d files in %s%s", m.pendingFiles(), m.inputFiles(), m.input(), eta));
    }
    List<RecordTotals.Run> runs = t.runs();
    out.println(f("Runs       %d", runs.size()));
    if (runs.size() > TEXT_RUNS) {
      out.println(f("  ... %,d earlier runs (--json lists every run)", runs.size() - TEXT_RUNS));
    }
    for (RecordTotals.Run r : runs.subList(Math.max(0, runs.size() - TEXT_RUNS), runs.size())) {
      out.println(runLine(r));
    }
  }

  private static String runLine(RecordTotals.Run r) {
    String when = r.startTime().length() >= 19 ? r.startTime().substring(0, 19).replace('T', ' ') + "Z"
        : r.startTime();
    if (!r.finished()) {
      return f("  %s  %9s  shard %-5s did not finish (killed or crashed)", when, "-", r.shard());
    }
    String took = GoDuration.format(Duration.ofMillis(Math.round(r.durationSeconds() * 1000)));
    return f("  %s  %9s  shard %-5s converted %,d  failed %,d  skipped %,d%s", when, took, r.shard(),
        r.processedFiles(), r.failedFiles(), r.skippedFiles(), r.interrupted() ? "  interrupted" : "");
  }

  /**
   * Files converted per second of wall time over the latest runs that converted anything; shards that ran at
   * the same time count once in the time, so N shards show N times the throughput.
   */
  static double filesPerSecond(List<RecordTotals.Run> runs) {
    List<RecordTotals.Run> recent = runs.stream().filter(r -> r.finished() && r.processedFiles() > 0)
        .sorted((a, b) -> b.startTime().compareTo(a.startTime())).limit(ETA_RUNS).toList();
    List<long[]> spans = new ArrayList<>();
    long files = 0;
    for (RecordTotals.Run r : recent) {
      long s = Instant.parse(r.startTime()).toEpochMilli();
      spans.add(new long[] {s, s + Math.round(r.durationSeconds() * 1000)});
      files += r.processedFiles();
    }
    spans.sort((a, b) -> Long.compare(a[0], b[0]));
    long millis = 0;
    long end = Long.MIN_VALUE;
    for (long[] sp : spans) {
      long from = Math.max(sp[0], end);
      if (sp[1] > from) {
        millis += sp[1] - from;
      }
      end = Math.max(end, sp[1]);
    }
    return millis <= 0 ? 0 : files * 1000.0 / millis;
  }

  private static double saving(RecordTotals t) {
    return t.inputBytes() == 0 ? 0 : 100.0 * (t.inputBytes() - t.outputBytes()) / t.inputBytes();
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
