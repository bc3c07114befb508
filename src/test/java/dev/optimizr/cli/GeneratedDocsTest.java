package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man page and shell completion that the build writes into {@code target/} (process-classes phase, so
 * they exist before the tests run) describe every flag a user can type and every exit code.
 */
class GeneratedDocsTest {
  private static final Path MAN_PAGE = Paths.get("target/man/optimizr.1");
  private static final Path COMPLETION = Paths.get("target/completion/optimizr_completion");

  private static List<OptionSpec> visibleOptions() {
    Optimizr command = new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    return new CommandLine(command).getCommandSpec().options().stream().filter(o -> !o.hidden()).toList();
  }

  @Test
  void manPage_isTroffAndDocumentsEveryFlagAndExitCode() throws Exception {
    String man = Files.readString(MAN_PAGE, StandardCharsets.UTF_8);
    assertThat(man).startsWith("'\\\" t").contains(".TH \"OPTIMIZR\" \"1\"");
    // troff escapes a leading minus as \-: compare against the page with escapes removed
    String text = man.replace("\\-", "-").replace("\\(em", "-");
    for (OptionSpec option : visibleOptions()) {
      assertThat(text).as("man page documents %s", option.longestName()).contains(option.names());
    }
    for (ExitCode code : ExitCode.values()) {
      assertThat(text).contains(code.meaning().substring(0, 25));
    }
    assertThat(text).doesNotContain("--progress-interval");
  }

  @Test
  void completion_inBash_offersEveryFlagSpelling() throws Exception {
    // what bash does on "optimizr -<TAB>": call the registered function with the words typed so far
    String script = "source " + COMPLETION.toAbsolutePath() + "\n"
        + "COMP_WORDS=(optimizr -); COMP_CWORD=1; COMP_LINE='optimizr -'; COMP_POINT=10\n"
        + "_complete_optimizr optimizr - optimizr\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("bash", "-c", script)
        // outside a real completion, compopt complains on stderr; the offered words are on stdout
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String offered = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(offered).isZero();

    List<String> expected = visibleOptions().stream().flatMap(o -> Stream.of(o.names())).toList();
    assertThat(offered.lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** What bash offers after {@code words} (the last one being completed, possibly empty). */
  private static List<String> complete(String... words) throws Exception {
    String typed = "optimizr " + String.join(" ", words);
    StringBuilder array = new StringBuilder("optimizr");
    for (String w : words) {
      array.append(" '").append(w).append("'");
    }
    String script = "source " + COMPLETION.toAbsolutePath() + "\n"
        + "COMP_WORDS=(" + array + "); COMP_CWORD=" + words.length + "; COMP_LINE='" + typed + "'; COMP_POINT="
        + typed.length() + "\n"
        + "_complete_optimizr optimizr '" + words[words.length - 1] + "' '"
        + (words.length > 1 ? words[words.length - 2] : "optimizr") + "'\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String offered = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(offered).isZero();
    return offered.lines().filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void completion_offersEachValueFlagsValues_inTheDocumentedLowerCase() throws Exception {
    assertThat(complete("-log-format", "")).containsExactlyInAnyOrder("text", "json");
    assertThat(complete("--log-format", "j")).containsExactly("json");
    assertThat(complete("-png", "")).containsExactlyInAnyOrder("auto", "lossy", "lossless");
    assertThat(complete("-preset", "")).containsExactlyInAnyOrder("default", "photo", "picture", "drawing", "icon",
        "text");
    assertThat(complete("-if-larger", "")).containsExactlyInAnyOrder("keep", "skip");
    assertThat(complete("-audit", "")).containsExactlyInAnyOrder("sample", "all", "off");
    assertThat(complete("-metadata", "")).containsExactlyInAnyOrder("none", "all", "icc", "exif", "xmp");
  }
}
