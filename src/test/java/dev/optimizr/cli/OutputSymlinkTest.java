package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output tree is never written through a symbolic link: a link inside the output (OUT/photos -> /elsewhere)
 * fails the files below it, naming the link, and nothing appears where it points.
 */
class OutputSymlinkTest {
  @TempDir Path tmp;
  private Path in;
  private Path out;
  private Path elsewhere;

  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  private int run(String... args) {
    return new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(args);
  }

  @BeforeEach
  void tree() throws Exception {
    Path jpg = Paths.get("samples/photos/plasma-640x480.jpg");
    in = tmp.resolve("in");
    Files.createDirectories(in.resolve("photos/2024"));
    Files.copy(jpg, in.resolve("top.jpg"));
    Files.copy(jpg, in.resolve("photos/a.jpg"));
    Files.copy(jpg, in.resolve("photos/2024/b.jpg"));
    out = Files.createDirectories(tmp.resolve("out"));
    elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
  }

  private static long filesUnder(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).count();
    }
  }

  @Test
  void directoryLinkInsideTheOutput_failsItsFiles_namingTheLink_andNothingIsWrittenWhereItPoints() throws Exception {
    Path link = Files.createSymbolicLink(out.resolve("photos"), elsewhere);
    // a temp file as a killed run would leave it: the start-up clean-up must not reach through the link either
    Path foreignTemp = Files.writeString(elsewhere.resolve(".a.webp.optimizr-tmp-1"), "not ours");

    assertThat(run("-input", in.toString(), "-output", out.toString(), "-quiet")).isEqualTo(1);

    String real = out.toRealPath().resolve("photos").toString();
    assertThat(stderr.toString().lines()).containsExactlyInAnyOrder(
        "photos/2024/b.jpg: OUTPUT_SYMLINK: the output path passes through the symbolic link " + real + " -> "
            + elsewhere + "; outputs are never written through links",
        "photos/a.jpg: OUTPUT_SYMLINK: the output path passes through the symbolic link " + real + " -> "
            + elsewhere + "; outputs are never written through links");
    assertThat(out.resolve("top.webp")).exists();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(filesUnder(elsewhere)).isEqualTo(1);
    assertThat(foreignTemp).hasContent("not ours");
    assertThat(Files.readString(out.resolve("failures.jsonl"))).contains("\"error_type\":\"OUTPUT_SYMLINK\"");
  }

  @Test
  void linkDeeperInTheOutput_isRefusedToo() throws Exception {
    Files.createDirectories(out.resolve("photos"));
    Files.createSymbolicLink(out.resolve("photos/2024"), elsewhere);

    assertThat(run("-input", in.toString(), "-output", out.toString(), "-quiet")).isEqualTo(1);

    assertThat(stderr.toString()).startsWith("photos/2024/b.jpg: OUTPUT_SYMLINK: ").hasLineCount(1);
    assertThat(out.resolve("photos/a.webp")).exists();
    assertThat(filesUnder(elsewhere)).isZero();
  }

  @Test
  void outputRootGivenAsALink_isFollowedOnce() throws Exception {
    Path rootLink = Files.createSymbolicLink(tmp.resolve("out-link"), out);

    assertThat(run("-input", in.toString(), "-output", rootLink.toString(), "-quiet")).isZero();

    assertThat(out.resolve("photos/2024/b.webp")).exists();
    assertThat(stderr.toString()).isEmpty();
  }
}
