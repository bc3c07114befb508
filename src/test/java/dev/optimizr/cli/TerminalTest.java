package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import dev.optimizr.io.AtomicFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * optimizr at a real terminal (a pseudo-terminal of a fixed width, driven as a person would): Ctrl+C stops
 * as cleanly as SIGTERM does, and the progress bar and per-image lines share the screen without garbling it.
 */
class TerminalTest {
  private static final int FILES = 60;
  private static final String CTRL_C = "\u0003";
  private static final String FINISHING = "finishing the images in progress (send again to stop now)";

  @TempDir static Path tree;

  @BeforeAll
  static void buildTree() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(1600, 1200, 7), "png", tree.resolve("seed.png"));
    TestImages.copies(seed, tree.resolve("in"), FILES, 3);
  }

  @BeforeEach
  void python() throws Exception {
    TerminalRun.requirePython();
  }

  private static TerminalRun start(int cols, Path out, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("-input", tree.resolve("in").toString(),
        "-output", out.toString(), "-workers", "2"));
    args.addAll(List.of(extra));
    return TerminalRun.start(cols, args.toArray(String[]::new));
  }

  private static List<Path> files(Path out) throws Exception {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private static void assertNoTempFiles(Path out) throws Exception {
    assertThat(files(out)).noneMatch(p -> AtomicFileWriter.isTemp(p.getFileName().toString()));
  }

  @Test
  void ctrlC_finishesTheImagesInProgress_writesTheSummary_exits130() throws Exception {
    Path out = tree.resolve("out-ctrl-c");
    try (TerminalRun run = start(80, out)) {
      run.awaitOutputs(out, 2);
      run.type(CTRL_C);
      int exit = run.exitCode();
      String shown = run.output();

      assertThat(exit).as("exit status; the terminal showed:%n%s", shown).isEqualTo(130);
      assertThat(shown).contains("optimizr: SIGINT: " + FINISHING).contains("Interrupted: ");
      JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
      assertThat(summary.get("interrupted").asBoolean()).isTrue();
      assertThat(summary.get("processed_files").asLong()).isEqualTo(ChildRun.files(out, ".webp").size())
          .isLessThan(FILES);
      assertNoTempFiles(out);
    }
  }

  @Test
  void secondCtrlC_stopsAtOnce_withoutPartialFiles() throws Exception {
    Path out = tree.resolve("out-ctrl-c-twice");
    try (TerminalRun run = start(80, out)) {
      run.awaitOutputs(out, 2);
      run.type(CTRL_C);
      run.await("the first Ctrl+C's message", s -> s.contains(FINISHING));
      run.type(CTRL_C);
      int exit = run.exitCode();

      assertThat(exit).as("exit status; the terminal showed:%n%s", run.output()).isEqualTo(130);
      assertThat(run.output()).contains("optimizr: SIGINT again: stopping now");
      assertNoTempFiles(out);
      assertThat(out.resolve("summary.json")).doesNotExist();
      for (Path webp : ChildRun.files(out, ".webp")) {
        assertThat(TestImages.decodeWebP(webp).getWidth()).as("%s", webp).isEqualTo(1600);
      }
    }
  }

  /** A status line (progress bar) frame: percentage, bar and counts, or counts alone at narrow widths. */
  private static final Pattern FRAME = Pattern.compile(
      "( {0,2}\\d{1,3}% )?(\\[[=> ]+\\] )?\\d+ conv(erted)?\\b.*");
  /** Every kind of line a -verbose run interrupted by SIGTERM prints. */
  private static final List<Pattern> EXPECTED_LINES = List.of(
      Pattern.compile("OK \\S+\\.png [0-9.]+ [KM]B → [0-9.]+ [KM]B \\(−\\d+ %\\) \\d+ ms"),
      Pattern.compile("optimizr: SIGTERM: " + Pattern.quote(FINISHING)),
      Pattern.compile("Interrupted: \\d+ converted, 0 failed, 0 skipped, \\d+ not started, in \\S+"),
      Pattern.compile(".* → .* saved, .*MB/s"),
      Pattern.compile("Summary: \\S+summary\\.json(; report: \\S+report\\.html)?"),
      Pattern.compile("[╔║╠╚].*"), // the box report
      Pattern.compile(""));

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {80, 40})
  void verbose_perImageLinesAboveTheBar_barFitsTheWidth_signalMessageWhole(int cols) throws Exception {
    Path out = tree.resolve("out-verbose-" + cols);
    String shown;
    try (TerminalRun run = start(cols, out, "-verbose")) {
      run.await("three OK lines", s -> s.split("OK ", -1).length > 3);
      run.optimizr().destroy(); // SIGTERM
      assertThat(run.exitCode()).as("exit status; the terminal showed:%n%s", run.output()).isEqualTo(143);
      shown = run.output();
    }
    ScreenModel screen = new ScreenModel(cols, shown);
    assertThat(screen.unexpected()).as("control sequences other than CR, LF and erase-line").isEmpty();
    // What the user sees once the run is over: every line whole, from column 0; the bar was erased.
    assertThat(screen.lines()).as("the screen:%n%s", String.join("\n", screen.rows()))
        .allSatisfy(line -> assertThat(EXPECTED_LINES).as("'%s' is a line of its own", line.text())
            .anyMatch(p -> p.matcher(line.text()).matches()));
    assertThat(screen.lines()).filteredOn(l -> l.text().startsWith("OK ")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(screen.lines()).filteredOn(l -> l.text().startsWith("optimizr: SIGTERM")).hasSize(1);
    List<String> frames = frames(shown);
    assertThat(frames).as("status lines drawn").isNotEmpty().allSatisfy(f -> {
      assertThat(f.length()).as("fits %d columns: '%s'", cols, f).isLessThan(cols);
      assertThat(f).as("no unknowns shown").doesNotContain("?").doesNotContain("0/0").matches(FRAME);
    });
    if (cols >= 80) {
      assertThat(frames).as("a real bar at 80 columns")
          .anyMatch(f -> f.matches(" {0,2}\\d{1,3}% \\[[=> ]{10,}\\] .*"));
    }
  }

  /** Every status line drawn: the text between a carriage return and the erase-to-end-of-line after it. */
  private static List<String> frames(String output) {
    Matcher m = Pattern.compile("\r([^\r\n\u001b]+)\u001b\\[K").matcher(output);
    List<String> frames = new ArrayList<>();
    while (m.find()) {
      frames.add(m.group(1));
    }
    return frames;
  }
}
