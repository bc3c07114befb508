package dev.optimizr.report.html;

import static dev.optimizr.report.html.Html.bytes;
import static dev.optimizr.report.html.Html.count;
import static dev.optimizr.report.html.Html.duration;
import static dev.optimizr.report.html.Html.esc;
import static dev.optimizr.report.html.Html.fmt;

import dev.optimizr.report.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How the run behaved: throughput and memory over time with GC marks, time by stage, the runs. Stateless. */
final class RunSections {
  /** GC marks drawn at most; with more, those of the longest pauses. */
  private static final int MAX_GC_MARKS = 60;
  private static final int MAX_RUNS = 50;

  private RunSections() {}

  static void throughputAndMemory(StringBuilder b, Charts charts, ReportModel m) {
    if (m.memory().size() < 2 && m.throughput().isEmpty()) {
      return;
    }
    b.append("<section id=\"behaviour\"><h2>Throughput and memory over the run</h2>");
    if (!m.throughput().isEmpty()) {
      b.append(charts.lines("seconds into the run", "images / s",
          List.of(new Charts.Line("images per second", m.throughput())), List.of()));
    }
    if (m.memory().size() >= 2) {
      Instant t0 = Instant.parse(m.memory().get(0).timestamp());
      List<double[]> heap = new ArrayList<>();
      List<double[]> committed = new ArrayList<>();
      List<double[]> rss = new ArrayList<>();
      List<double[]> gcs = new ArrayList<>(); // (time, pause) where collections happened since the last sample
      long lastGc = m.memory().get(0).numGc();
      for (RunSummary.Snapshot s : m.memory()) {
        double t = Duration.between(t0, Instant.parse(s.timestamp())).toMillis() / 1000.0;
        heap.add(new double[] {t, s.allocMb()});
        committed.add(new double[] {t, s.heapInuseMb()});
        rss.add(new double[] {t, s.sysMb()});
        if (s.numGc() > lastGc) {
          gcs.add(new double[] {t, s.gcPauseMs()});
        }
        lastGc = s.numGc();
      }
      gcs.sort(Comparator.comparingDouble((double[] g) -> g[1]).reversed());
      List<Double> marks = gcs.stream().limit(MAX_GC_MARKS).map(g -> g[0]).toList();
      b.append(charts.lines("seconds into the run", "MB", List.of(new Charts.Line("heap used", heap),
          new Charts.Line("heap committed", committed), new Charts.Line("resident (RSS)", rss)), marks));
      b.append("<p class=\"note\">").append(m.memory().size()).append(" memory samples; red lines mark samples")
          .append(" after which garbage collections ran").append(gcs.size() > MAX_GC_MARKS
              ? " (the " + MAX_GC_MARKS + " with the longest pauses)" : "").append(".</p>");
    }
    b.append("</section>\n");
  }

  static void stages(StringBuilder b, Charts charts, List<RunSummary.StageSummary> stages) {
    if (stages.isEmpty() || stages.stream().allMatch(s -> s.totalMs() == 0)) {
      return;
    }
    b.append("<section id=\"stages\"><h2>Where the time went</h2>");
    double[][] v = new double[stages.size()][1];
    for (int i = 0; i < stages.size(); i++) {
      v[i][0] = stages.get(i).totalMs() / 1000.0;
    }
    b.append(charts.bars("seconds (summed over workers)", List.of("time"),
        stages.stream().map(RunSummary.StageSummary::stage).toList(), v));
    b.append("<table><tr><th>stage</th><th class=\"n\">total</th><th class=\"n\">per image</th>")
        .append("<th class=\"n\">share</th><th class=\"n\">allocated</th></tr>");
    for (RunSummary.StageSummary s : stages) {
      b.append("<tr><td>").append(esc(s.stage())).append("</td><td class=\"n\">")
          .append(duration(s.totalMs() / 1000.0)).append("</td><td class=\"n\">").append(fmt("%.1f ms", s.avgMs()))
          .append("</td><td class=\"n\">").append(fmt("%.1f %%", s.sharePercent())).append("</td><td class=\"n\">")
          .append(fmt("%.0f MB", s.allocatedMb())).append("</td></tr>");
    }
    b.append("</table></section>\n");
  }

  static void runs(StringBuilder b, Charts charts, List<ReportModel.RunRow> runs) {
    if (runs.isEmpty()) {
      return;
    }
    b.append("<section id=\"runs\"><h2>Runs</h2>");
    List<ReportModel.RunRow> shown = runs.size() > MAX_RUNS ? runs.subList(runs.size() - MAX_RUNS, runs.size()) : runs;
    if (shown.size() > 1) {
      double[][] v = new double[shown.size()][2];
      for (int i = 0; i < shown.size(); i++) {
        v[i][0] = shown.get(i).processed();
        v[i][1] = shown.get(i).failed();
      }
      b.append(charts.bars("files", List.of("converted", "failed"),
          shown.stream().map(r -> r.start() + " " + r.shard()).toList(), v));
    }
    b.append("<table><tr><th>started</th><th>shard</th><th class=\"n\">time</th><th class=\"n\">converted</th>")
        .append("<th class=\"n\">failed</th><th class=\"n\">skipped</th><th class=\"n\">before</th>")
        .append("<th class=\"n\">after</th><th>outcome</th></tr>");
    for (ReportModel.RunRow r : shown) {
      b.append("<tr><td>").append(esc(r.start())).append("</td><td>").append(esc(r.shard()))
          .append("</td><td class=\"n\">").append(duration(r.seconds())).append("</td><td class=\"n\">")
          .append(count(r.processed())).append("</td><td class=\"n\">").append(count(r.failed()))
          .append("</td><td class=\"n\">").append(count(r.skipped())).append("</td><td class=\"n\">")
          .append(bytes(r.inputBytes())).append("</td><td class=\"n\">").append(bytes(r.outputBytes()))
          .append("</td><td>").append(esc(r.outcome())).append("</td></tr>");
    }
    b.append("</table>");
    if (runs.size() > shown.size()) {
      b.append("<p class=\"note\">The latest ").append(MAX_RUNS).append(" of ").append(runs.size())
          .append(" runs.</p>");
    }
    b.append("</section>\n");
  }
}
