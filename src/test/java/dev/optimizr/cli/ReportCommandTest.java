package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optimizr report}: the whole migration's page, from the record of every run and shard. */
class ReportCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
  }

  @Test
  void twoShards_andARetry_makeOnePageOfTheWholeMigration() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in.resolve("odd"));
    for (String name : new String[] {"photos/plasma-640x480.jpg", "graphics/basn6a08.png"}) {
      Files.createDirectories(in.resolve(name).getParent());
      Files.copy(Paths.get("samples").resolve(name), in.resolve(name));
    }
    Files.copy(Paths.get("samples/photos/bricks-color.jpeg"), in.resolve("odd/bricks.jpeg"));
    Files.writeString(in.resolve("odd/<b onclick=x>empty.png"), "");
    Path o = tmp.resolve("out");
    run("-input", in.toString(), "-output", o.toString(), "-quiet", "-shard", "0/2");
    run("-input", in.toString(), "-output", o.toString(), "-quiet", "-shard", "1/2");
    assertThat(run("report", "-output", o.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Report: " + o.resolve("report.html"));
    String page = Files.readString(o.resolve("report.html"));
    assertThat(page).contains("id=\"processed_files\" data-value=\"3\"").contains("id=\"failed_files\" data-value=\"1\"")
        .contains("id=\"run_count\" data-value=\"2\"").contains(">0/2<").contains(">1/2<")
        .contains("UNSUPPORTED_FORMAT").contains("odd/&lt;b onclick=x&gt;empty.png").doesNotContain("<b onclick");
  }

  @Test
  void noRecord_isAUsageError() {
    assertThat(run("report", "-output", tmp.resolve("nothing").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("optimizr: no migration record in ").hasLineCount(1);
  }
}
