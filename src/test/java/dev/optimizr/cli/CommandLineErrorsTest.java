package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees for a mistyped command line: one line on stderr, exit 2, nothing written. */
class CommandLineErrorsTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
  }

  private static Path samples() {
    return Paths.get("samples").toAbsolutePath();
  }

  @Test
  void sameInputAndOutput_isAUsageError_andNothingIsWritten() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("photos"));
    Files.copy(samples().resolve("photos/plasma-640x480.jpg"), in.resolve("a.jpg"));

    assertThat(run("-input", in.toString(), "-output", in.toString())).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("optimizr: -input and -output are the same directory (" + in
        + "): the output must be a separate tree, or -alongside writes beside the sources (see --help)"
        + System.lineSeparator());
    try (var files = Files.list(in)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.jpg");
    }
  }

  @Test
  void sameDirectorySpelledDifferently_orThroughALink_isAUsageError() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("photos"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), in);

    assertThat(run("-input", in.toString(), "-output", tmp.resolve("photos/./../photos/").toString())).isEqualTo(2);
    assertThat(run("-input", in.toString(), "-output", link.toString())).isEqualTo(2);

    assertThat(err.toString().lines()).hasSize(2).allMatch(l -> l.contains("are the same directory"));
    try (var files = Files.list(in)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void misspelledFlag_suggestsTheClosestFlag_andDoesNotCallItsValueAnOption() {
    assertThat(run("-input", samples().toString(), "-output", tmp.resolve("o").toString(), "-qualty", "90"))
        .isEqualTo(2);

    assertThat(err.toString()).isEqualTo(
        "optimizr: Unknown option: '-qualty'; did you mean -quality? (see --help)" + System.lineSeparator());
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void misspelledDoubleDashFlag_suggestsTheDoubleDashSpelling() {
    assertThat(run("--wrokers", "2")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(
        "optimizr: Unknown option: '--wrokers'; did you mean --workers? (see --help)" + System.lineSeparator());
  }

  @Test
  void version_isOneCleanLinePerComponent() {
    assertThat(run("-version")).isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("optimizr \\S+");
    assertThat(lines.get(1)).isEqualTo("libwebp 1.6.0 (webp-imageio 0.11.0)");
    assertThat(lines.get(2)).startsWith("Java " + Runtime.version() + " (").doesNotContain("unknown");
    assertThat(lines.get(3)).isEqualTo(
        "OS " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    assertThat(err.toString()).isEmpty();
  }
}
