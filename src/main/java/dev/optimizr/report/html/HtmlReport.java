package dev.optimizr.report.html;

import static dev.optimizr.report.html.Html.bytes;
import static dev.optimizr.report.html.Html.count;
import static dev.optimizr.report.html.Html.duration;
import static dev.optimizr.report.html.Html.esc;
import static dev.optimizr.report.html.Html.fmt;
import static dev.optimizr.report.html.Html.percent;

import dev.optimizr.io.AtomicFileWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders report.html: one self-contained page (inline CSS, inline SVG charts, embedded pictures, no script and
 * no network access) that reads top to bottom and prints on A4. Stateless; each call draws its own charts.
 */
public final class HtmlReport {
  public static final String FILE_NAME = "report.html";

  private HtmlReport() {}

  /** Writes the page for {@code m} as {@code target}, replacing it atomically. */
  public static Path write(Path target, ReportModel m, String version) throws IOException {
    StringWriter page = new StringWriter(256 * 1024);
    render(m, version, page);
    new AtomicFileWriter().write(target, page.toString().getBytes(StandardCharsets.UTF_8));
    return target;
  }

  /** Writes the page for {@code m} to {@code out}. */
  public static void render(ReportModel m, String version, Writer out) throws IOException {
    StringBuilder b = new StringBuilder(128 * 1024);
    Charts charts = new Charts();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // no script, no fetch, no frame: the page can only show what it carries
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<title>optimizr report: ").append(esc(m.scope())).append("</title>\n<style>")
        .append(Style.CSS).append("</style></head>\n<body>\n");
    headline(b, m, version);
    FileSections.savings(b, charts, m.tally());
    FileSections.groups(b, charts, m.tally());
    FileSections.grown(b, m.tally(), String.valueOf(m.settings().getOrDefault("if_larger", "keep")));
    FileSections.failures(b, m.tally());
    RunSections.throughputAndMemory(b, charts, m);
    RunSections.stages(b, charts, m.stages());
    AuditSection.render(b, charts, m.audit(), m.auditPlan());
    RunSections.runs(b, charts, m.runs());
    settings(b, m.settings());
    b.append("<footer>Made by optimizr ").append(esc(version)).append(". ")
        .append("Charts: JFreeChart and JFreeSVG. This page loads nothing from the network.</footer>\n")
        .append("</body></html>\n");
    out.write(b.toString());
    out.flush();
  }

  /** The page as a string (tests). */
  public static String render(ReportModel m, String version) {
    StringWriter w = new StringWriter();
    try {
      render(m, version, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  private static void headline(StringBuilder b, ReportModel m, String version) {
    ReportModel.Headline h = m.headline();
    b.append("<header><h1>WebP migration report</h1><p class=\"scope\">").append(esc(m.scope()));
    if (h.started() != null) {
      b.append(" · ").append(esc(h.started())).append(" – ").append(esc(h.ended() == null ? "" : h.ended()));
    }
    b.append("</p></header>\n<section class=\"cards\">\n");
    card(b, "processed_files", h.processedFiles(), count(h.processedFiles()), "files converted");
    card(b, "total_input_bytes", h.totalInputBytes(), bytes(h.totalInputBytes()), "before");
    card(b, "total_output_bytes", h.totalOutputBytes(), bytes(h.totalOutputBytes()), "after");
    card(b, "space_saving_percent", h.spaceSavingPercent(), percent(h.spaceSavingPercent()),
        "saved (" + bytes(h.bytesSaved()) + ")");
    card(b, "duration_seconds", h.seconds(), duration(h.seconds()),
        h.skippedFiles() >= 0 ? "converting" : "converting, all runs");
    card(b, "images_per_second", h.imagesPerSecond(), fmt("%.1f", h.imagesPerSecond()),
        "images / s");
    card(b, "failed_files", h.failedFiles(), count(h.failedFiles()), "failed");
    if (h.skippedFiles() >= 0) {
      card(b, "skipped_files", h.skippedFiles(), count(h.skippedFiles()), "skipped, up to date");
    } else {
      card(b, "run_count", m.runs().size(), count(m.runs().size()), "runs");
    }
    b.append("</section>\n");
  }

  /** One headline number: the element's id and data-value are summary.json's field name and exact value. */
  private static void card(StringBuilder b, String id, Object value, String shown, String label) {
    b.append("<div class=\"card\"><div class=\"num\" id=\"").append(id).append("\" data-value=\"")
        .append(esc(value)).append("\">").append(esc(shown)).append("</div><div class=\"label\">")
        .append(esc(label)).append("</div></div>\n");
  }

  private static void settings(StringBuilder b, Map<String, Object> settings) {
    b.append("<section><h2>Settings</h2><table class=\"settings\">");
    settings.forEach((k, v) -> b.append("<tr><th>-").append(esc(k.replace('_', '-'))).append("</th><td>")
        .append(esc(v)).append("</td></tr>"));
    b.append("</table></section>\n");
  }
}
