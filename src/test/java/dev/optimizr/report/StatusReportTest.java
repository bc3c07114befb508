package dev.optimizr.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.state.RecordTotals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusReportTest {
  @Test
  void renderText_aYearOfNightlyRuns_listsTheLatestAndCountsTheRest() {
    List<RecordTotals.Run> runs = new ArrayList<>();
    IntStream.range(0, 365).forEach(day -> runs.add(new RecordTotals.Run(
        String.format("2026-%02d-%02dT02:00:00.000Z", 1 + day / 31, 1 + day % 28), null, 1.5, "all", 10,
        day == 364 ? 7 : 0, 0, 10, 0, 0, false, true, 0)));
    StatusReport.Model m = new StatusReport.Model("/out", List.of(Path.of("record.db")),
        new RecordTotals(10, 1000, 500, Map.of(), runs), null, -1, -1);
    StringWriter text = new StringWriter();
    StatusReport.renderText(m, new PrintWriter(text));
    List<String> lines = text.toString().lines().toList();

    assertThat(lines).contains("Runs       365", "  ... 345 earlier runs (--json lists every run)");
    assertThat(lines.stream().filter(l -> l.contains(" shard all "))).hasSize(StatusReport.TEXT_RUNS);
    assertThat(lines.get(lines.size() - 1)).contains("converted 7");
    assertThat(((List<?>) StatusReport.json(m).get("runs"))).hasSize(365);
  }
}
