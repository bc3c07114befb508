package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process whose libwebp cannot be extracted (the container case: read-only root, no tmpfs) stops at once
 * with exit 70 and one line naming the directory, instead of failing every image. A separate JVM, because
 * the library loads once per process.
 */
class LibWebPLoadTest {
  @TempDir Path tmp;

  @Test
  void missingExtractionDirectory_exits70NamingIt() throws Exception {
    Path missing = tmp.resolve("no-such-dir");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Dcom.luciad.imageio.webp.tmpdir=" + missing,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-input", Paths.get("samples").toAbsolutePath().toString(), "-output", tmp.resolve("out").toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isEqualTo(ExitCode.ABORTED.code());
    assertThat(output.lines().toList()).hasSize(1).first().asString()
        .startsWith("optimizr: aborted: cannot load libwebp: its extraction directory " + missing + " does not exist")
        .contains("-Dcom.luciad.imageio.webp.tmpdir=DIR");
    assertThat(tmp.resolve("out").resolve("summary.json")).doesNotExist();
  }

  /** A killed run leaves its copy of libwebp and the .lck behind; the next run deletes them once stale. */
  @Test
  void leftoversOfKilledRuns_areDeletedByTheNextRun() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("native"));
    String leftover = "webp-imageio-0.11.0-168d1d28-a9e5-47f3-b7a3-049cd1e80203-libwebp-imageio.so";
    for (String name : new String[] {leftover, leftover + ".lck"}) {
      Path f = Files.write(dir.resolve(name), new byte[] {1});
      Files.setLastModifiedTime(f,
          FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    }
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Dcom.luciad.imageio.webp.tmpdir=" + dir,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-input", Paths.get("samples").toAbsolutePath().toString(), "-output", tmp.resolve("out").toString(),
        "-quiet").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(dir.resolve(leftover)).doesNotExist();
    assertThat(dir.resolve(leftover + ".lck")).doesNotExist();
    // and this run's own copy went with its normal exit (deleteOnExit)
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
