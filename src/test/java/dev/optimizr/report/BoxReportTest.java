package dev.optimizr.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.MemorySnapshot;
import dev.optimizr.analytics.Percentiles;
import dev.optimizr.analytics.StageTotals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fixed run in, exact text out (golden file), and every line exactly {@link BoxReport#WIDTH} wide. */
class BoxReportTest {
  private static final long MB = 1024 * 1024;

  static RunSummary fixedSummary(String inputDir) {
    Instant start = Instant.parse("2026-11-20T02:00:00Z");
    Instant end = start.plusSeconds(205).plusMillis(500);
    CollectorSnapshot c = new CollectorSnapshot(1250, 1200, 38, 12, 3, 2_400 * MB, 610 * MB, 9_600_000_000L, 41, 2,
        310, 4_000_000_000L, 0, new Percentiles(12.5, 240.25, 1_210, 2_980.5, 6_020, 301.75),
        new StageTotals(List.of(new StageTotals.Stage("READ", 9_000_000_000L, 2_400 * MB),
            new StageTotals.Stage("DECODE", 120_000_000_000L, 90_000 * MB),
            new StageTotals.Stage("NORMALISE", 30_000_000_000L, 60_000 * MB),
            new StageTotals.Stage("ENCODE", 200_000_000_000L, 10 * MB),
            new StageTotals.Stage("WRITE", 3_000_000_000L, 1 * MB))),
        Map.of("CORRUPT_INPUT", 30L, "TOO_LARGE", 5L, "UNSUPPORTED_FORMAT", 3L));
    List<MemorySnapshot> memory = List.of(
        new MemorySnapshot(start, 40 * MB, 256 * MB, 50 * MB, 180 * MB, 1, 3, -1),
        new MemorySnapshot(start.plusSeconds(30), 900 * MB, 1400 * MB, 40_000 * MB, 1300 * MB, 40, 12, 210 * MB),
        new MemorySnapshot(start.plusSeconds(60), 400 * MB, 1400 * MB, 80_000 * MB, 1310 * MB, 80, 9, 205 * MB),
        new MemorySnapshot(start.plusSeconds(90), 1100 * MB, 1500 * MB, 120_000 * MB, 1320 * MB, 120, 30, 212 * MB),
        new MemorySnapshot(end, 300 * MB, 1500 * MB, 160_000 * MB, 1330 * MB, 160, 7, 208 * MB));
    RunInfo info = new RunInfo("1.2.3", Paths.get(inputDir).toString(), "/srv/webp", 3, 80, start, end, false);
    return SummaryBuilder.build(info, c, memory, new SummaryBuilder.GcTotals(160, 160, 1_900, 45, 0),
        new SummaryBuilder.ProcessTotals(1_450 * MB, 395_000_000_000L, 4096 * MB, 2));
  }

  private static String render(RunSummary s) {
    StringWriter w = new StringWriter();
    BoxReport.render(s, new PrintWriter(w));
    return w.toString().replace(System.lineSeparator(), "\n");
  }

  /** After an intended change, run with -Dgolden.update=true to rewrite the file, then review its diff. */
  @Test
  void report_matchesGoldenFile() throws Exception {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(Path.of("src/test/resources/golden/box-report.txt"), render(fixedSummary("/srv/photos")));
    }
    String golden = Files.readString(Path.of("src/test/resources/golden/box-report.txt"), StandardCharsets.UTF_8);
    assertThat(render(fixedSummary("/srv/photos"))).isEqualTo(golden);
  }

  @Test
  void everyLineHasTheSameWidth_evenWithLongUnbrokenValues() {
    String path = "/srv/" + "very-long-directory-name-".repeat(8) + "end";
    String text = render(fixedSummary(path));
    assertThat(text.lines()).allSatisfy(l -> assertThat(l).hasSize(BoxReport.WIDTH));
    assertThat(text.replace("║\n║ ", "").replace(" ", "")).contains(path.replace(" ", ""));
  }

  @Test
  void wrap_breaksAtSpaces_andCutsOverlongWords() {
    assertThat(BoxReport.wrap("aaa bbb ccc", 7)).containsExactly("aaa bbb", "ccc");
    assertThat(BoxReport.wrap("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    assertThat(BoxReport.wrap("", 4)).containsExactly("");
  }
}
