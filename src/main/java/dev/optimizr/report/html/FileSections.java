package dev.optimizr.report.html;

import static dev.optimizr.report.html.Html.bytes;
import static dev.optimizr.report.html.Html.count;
import static dev.optimizr.report.html.Html.esc;
import static dev.optimizr.report.html.Html.percent;

import dev.optimizr.analytics.FileTally;
import java.util.ArrayList;
import java.util.List;

/** The per-file sections: savings distribution, by folder and kind, files that grew, failures. Stateless. */
final class FileSections {
  /** Folders drawn in the chart; the table lists more. */
  private static final int CHART_FOLDERS = 12;
  private static final int TABLE_FOLDERS = 40;

  private FileSections() {}

  static void savings(StringBuilder b, Charts charts, FileTally.Snapshot t) {
    long[] bins = t.savingBins();
    long total = 0;
    int first = bins.length;
    int last = -1;
    for (int i = 0; i < bins.length; i++) {
      total += bins[i];
      if (bins[i] > 0) {
        first = Math.min(first, i);
        last = i;
      }
    }
    b.append("<section id=\"savings\"><h2>Savings per file</h2>");
    if (total == 0) {
      b.append("<p class=\"note\">No file was converted.</p></section>\n");
      return;
    }
    List<Charts.Bin> list = new ArrayList<>();
    // show from the lowest bin used to the highest, and never less than 0 … 100 %
    int from = Math.min(first, FileTally.BINS / 2);
    for (int i = from; i <= Math.max(last, FileTally.BINS - 1); i++) {
      double lo = -100 + i * FileTally.BIN_PERCENT;
      list.add(new Charts.Bin(lo, lo + FileTally.BIN_PERCENT, bins[i]));
    }
    b.append("<p class=\"note\">Files by how much smaller their WebP is than the source, in steps of ")
        .append(FileTally.BIN_PERCENT).append(" %; below 0 the WebP is larger.</p>")
        .append(charts.histogram("saving (%)", "files", list)).append("</section>\n");
  }

  static void groups(StringBuilder b, Charts charts, FileTally.Snapshot t) {
    if (t.kinds().isEmpty()) {
      return;
    }
    b.append("<section id=\"kinds\"><h2>Savings by kind</h2>");
    b.append(groupChart(charts, t.kinds(), t.kinds().size()));
    table(b, t.kinds(), "kind", t.kinds().size());
    b.append("</section>\n<section id=\"folders\"><h2>Savings by top-level folder</h2>");
    b.append(groupChart(charts, t.folders(), CHART_FOLDERS));
    table(b, t.folders(), "folder", TABLE_FOLDERS);
    if (t.folders().size() > TABLE_FOLDERS) {
      b.append("<p class=\"note\">").append(t.folders().size() - TABLE_FOLDERS)
          .append(" more folders not listed; the largest savings come first.</p>");
    }
    b.append("</section>\n");
  }

  private static String groupChart(Charts charts, List<FileTally.Group> groups, int max) {
    List<FileTally.Group> shown = groups.subList(0, Math.min(max, groups.size()));
    double[][] v = new double[shown.size()][2];
    for (int i = 0; i < shown.size(); i++) {
      v[i][0] = shown.get(i).inputBytes() / 1048576.0;
      v[i][1] = shown.get(i).outputBytes() / 1048576.0;
    }
    return charts.bars("MB", List.of("before", "after"),
        shown.stream().map(g -> shorten(g.name(), 32)).toList(), v);
  }

  private static void table(StringBuilder b, List<FileTally.Group> groups, String what, int max) {
    b.append("<table><tr><th>").append(what).append("</th><th class=\"n\">files</th><th class=\"n\">before</th>")
        .append("<th class=\"n\">after</th><th class=\"n\">saved</th></tr>");
    for (FileTally.Group g : groups.subList(0, Math.min(max, groups.size()))) {
      b.append("<tr><td class=\"path\">").append(esc(g.name())).append("</td><td class=\"n\">")
          .append(count(g.files())).append("</td><td class=\"n\">").append(bytes(g.inputBytes()))
          .append("</td><td class=\"n\">").append(bytes(g.outputBytes())).append("</td><td class=\"n\">")
          .append(percent(g.savingPercent())).append("</td></tr>");
    }
    b.append("</table>");
  }

  static void grown(StringBuilder b, FileTally.Snapshot t, String ifLarger) {
    b.append("<section id=\"grown\"><h2>Files that grew</h2><p>");
    if (t.grownFiles() == 0) {
      b.append("No WebP is larger than its source.</p></section>\n");
      return;
    }
    b.append(count(t.grownFiles())).append(" WebP files are larger than their source. ");
    long kept = t.grownWithheld();
    b.append(kept == 0 ? "They were written anyway (<code>-if-larger " + esc(ifLarger) + "</code>)."
        : count(kept) + " were not written and their source stays the smallest version (<code>-if-larger skip</code>);"
            + " the byte totals count the source for those.");
    b.append("</p><table><tr><th>file</th><th class=\"n\">source</th><th class=\"n\">WebP</th>")
        .append("<th class=\"n\">growth</th><th>outcome</th></tr>");
    for (FileTally.Grown g : t.grown()) {
      b.append("<tr><td class=\"path\">").append(esc(g.path())).append("</td><td class=\"n\">")
          .append(bytes(g.inputBytes())).append("</td><td class=\"n\">").append(bytes(g.outputBytes()))
          .append("</td><td class=\"n\">+").append(bytes(g.growthBytes())).append("</td><td>")
          .append(g.written() ? "written" : "source kept").append("</td></tr>");
    }
    b.append("</table>");
    if (t.grownFiles() > t.grown().size()) {
      b.append("<p class=\"note\">The ").append(t.grown().size()).append(" largest growths are listed.</p>");
    }
    b.append("</section>\n");
  }

  static void failures(StringBuilder b, FileTally.Snapshot t) {
    b.append("<section id=\"failures\"><h2>Failures</h2>");
    if (t.failures().isEmpty()) {
      b.append("<p>No file failed.</p></section>\n");
      return;
    }
    b.append("<p><span id=\"failures_total\">").append(count(t.failedFiles()))
        .append("</span> files failed; each type lists its first files with the reason.</p>");
    for (FileTally.FailureGroup g : t.failures()) {
      b.append("<h3>").append(esc(g.type())).append(" <span class=\"note\">(").append(count(g.count()))
          .append(")</span></h3><table>");
      for (int i = 0; i < g.paths().size(); i++) {
        b.append("<tr><td class=\"path\">").append(esc(g.paths().get(i))).append("</td><td>")
            .append(esc(g.messages().get(i))).append("</td></tr>");
      }
      b.append("</table>");
      if (g.count() > g.paths().size()) {
        b.append("<p class=\"note\">… and ").append(count(g.count() - g.paths().size()))
            .append(" more (see failures.jsonl).</p>");
      }
    }
    b.append("</section>\n");
  }

  /** Long folder names in chart labels keep their end, where names differ. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
  }
}
