package dev.optimizr.report.html;

import static dev.optimizr.report.html.Html.count;
import static dev.optimizr.report.html.Html.esc;
import static dev.optimizr.report.html.Html.fmt;
import static dev.optimizr.report.html.Html.ssim;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.report.AuditNumbers;
import dev.optimizr.report.RunSummary;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The quality audit: its numbers, the SSIM distribution and the gallery of the lowest scores. Stateless. */
final class AuditSection {
  private AuditSection() {}

  static void render(StringBuilder b, Charts charts, AuditCollector.Snapshot a, String plan) {
    b.append("<section id=\"audit\"><h2>Quality audit</h2>");
    if (a.count() == 0) {
      b.append("<p>No image was audited").append(plan == null ? "" : " (" + esc(plan) + ")").append(".</p>");
      b.append("</section>\n");
      return;
    }
    b.append("<p>Each sampled WebP was decoded and compared with the pixels it was encoded from (after ")
        .append("orientation, colour conversion and resizing) by SSIM on luma: 1 is identical; photos at the ")
        .append("default quality usually score above 0.95. Sample: ").append(esc(plan)).append(".</p>");
    RunSummary.Audit n = AuditNumbers.of(a); // the values summary.json has, as data-value
    b.append("<table class=\"audit\"><tr><th>images audited</th><th class=\"n\">lowest</th>")
        .append("<th class=\"n\">5th percentile</th><th class=\"n\">median</th></tr><tr>")
        .append(cell("audit_count", String.valueOf(n.auditCount()), count(a.count())))
        .append(cell("audit_ssim_min", String.valueOf(n.auditSsimMin()), ssim(a.min())))
        .append(cell("audit_ssim_p5", String.valueOf(n.auditSsimP5()), ssim(a.p5())))
        .append(cell("audit_ssim_median", String.valueOf(n.auditSsimMedian()), ssim(a.median())))
        .append("</tr></table>");
    if (a.failed() > 0) {
      b.append("<p class=\"note\">").append(count(a.failed())).append(" sampled WebP files could not be decoded ")
          .append("for scoring.</p>");
    }
    List<Charts.Bin> bins = new ArrayList<>();
    long[] counts = a.bins();
    double step = AuditCollector.Snapshot.HISTOGRAM_STEP;
    double from = AuditCollector.Snapshot.HISTOGRAM_FROM;
    int first = 1;
    while (first < counts.length - 1 && counts[first] == 0 && counts[0] == 0) {
      first++;
    }
    if (counts[0] > 0) {
      bins.add(new Charts.Bin(from - step, from, counts[0])); // everything below the axis, drawn as one bar
    }
    for (int i = Math.min(first, counts.length - 6); i < counts.length; i++) {
      double lo = from + (i - 1) * step;
      bins.add(new Charts.Bin(lo, lo + step, counts[i]));
    }
    b.append(charts.histogram("SSIM" + (counts[0] > 0 ? fmt(" (the first bar: below %.2f)", from) : ""),
        "images", bins));
    gallery(b, a.gallery());
    b.append("</section>\n");
  }

  private static String cell(String id, String value, String shown) {
    return "<td class=\"n\" id=\"" + id + "\" data-value=\"" + esc(value) + "\">" + esc(shown) + "</td>";
  }

  private static void gallery(StringBuilder b, List<AuditCollector.Entry> entries) {
    b.append("<h3>The ").append(entries.size()).append(" lowest scores</h3><p class=\"note\">Source and WebP, ")
        .append("then the same ").append("region at full size where the two differ most.</p>")
        .append("<div class=\"gallery\">");
    for (AuditCollector.Entry e : entries) {
      b.append("<div class=\"shot\"><div class=\"title\"><span class=\"path\">").append(esc(e.path()))
          .append("</span> · SSIM ").append(ssim(e.ssim())).append(" · worst region ")
          .append(ssim(e.regionSsim())).append(" · ").append(e.width()).append("×").append(e.height())
          .append("</div>");
      figure(b, "source", "image/jpeg", e.sourceThumb(), "");
      figure(b, "WebP", "image/jpeg", e.webpThumb(), "");
      figure(b, "source, 1:1", "image/png", e.sourceCrop(), "crop");
      figure(b, "WebP, 1:1", "image/png", e.webpCrop(), "crop");
      b.append("</div>");
    }
    b.append("</div>");
  }

  private static void figure(StringBuilder b, String caption, String type, byte[] img, String cls) {
    b.append("<figure><img class=\"").append(cls).append("\" alt=\"").append(esc(caption)).append("\" src=\"data:")
        .append(type).append(";base64,").append(Base64.getEncoder().encodeToString(img))
        .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>");
  }
}
