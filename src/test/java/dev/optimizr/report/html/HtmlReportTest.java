package dev.optimizr.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's text: escaped paths, and a size that does not grow with the number of files. */
class HtmlReportTest {
  private static ReportModel model(FileTally t) {
    ReportModel.Headline h = new ReportModel.Headline(1, 0, 0, 1000, 400, 60, 1, 1, "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:01Z");
    return new ReportModel("this run", h, Map.of("quality", 80, "if_larger", "keep"), List.of(), t.snapshot(),
        List.of(), List.of(), List.of(), AuditCollector.Snapshot.NONE, "off");
  }

  @Test
  void hostileNames_areEscapedEverywhere() {
    FileTally t = new FileTally();
    String evil = "<script>alert(1)</script>/<img src=x onerror=alert(1)>.jpg";
    t.converted(evil, "photo JPEG", 100, 400, true);
    t.failed("x/\"><svg onload=alert(1)>.png", "CORRUPT_INPUT", "<b>bad</b>");
    String page = HtmlReport.render(model(t), "test");
    assertThat(page).doesNotContain("<img src=x").doesNotContain("<script>").doesNotContain("<svg onload")
        .doesNotContain("<b>bad")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;/&lt;img src=x onerror=alert(1)&gt;.jpg");
  }

  @Test
  void aMillionFiles_makeAPageOfTheSameSizeAsAThousand() {
    assertThat(pageSize(1_000_000)).isLessThan(2 * pageSize(1_000)).isLessThan(2_000_000);
  }

  private static int pageSize(int files) {
    FileTally t = new FileTally();
    for (int i = 0; i < files; i++) {
      String path = "dir" + i % 5000 + "/sub/img" + i + ".jpg";
      if (i % 97 == 0) {
        t.failed(path, i % 2 == 0 ? "CORRUPT_INPUT" : "TOO_LARGE", "damaged");
      } else {
        t.converted(path, i % 3 == 0 ? "PNG lossless" : "photo JPEG", 5000 + i % 1000, 1000 + i % 7000, true);
      }
    }
    return HtmlReport.render(model(t), "test").length();
  }
}
