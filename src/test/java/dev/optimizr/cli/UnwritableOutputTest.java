package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output the process may not write: a read-only directory, a read-only subdirectory, a read-only file
 * system. Real child processes meet real kernel refusals. Root ignores directory permissions, so as root the
 * child runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH ({@code setpriv --bounding-set}): the kernel then
 * checks the mode bits for root as for anyone (the CI runs as root). The read-only file system is a tmpfs
 * mounted read-only in a mount namespace of the child's own ({@code unshare -m}), which needs CAP_SYS_ADMIN.
 */
class UnwritableOutputTest {
  @TempDir Path tmp;
  private Path in;

  @BeforeEach
  void tree() throws Exception {
    in = Files.createDirectories(tmp.resolve("in/a"));
    Files.copy(Paths.get("samples/photos/plasma-640x480.jpg"), tmp.resolve("in/b.jpg"));
    Files.copy(Paths.get("samples/photos/plasma-640x480.jpg"), in.resolve("brick.jpg"));
    in = tmp.resolve("in");
  }

  private static boolean root(Path somewhere) throws Exception {
    return ((Integer) Files.getAttribute(somewhere, "unix:uid")) == 0;
  }

  /** Runs optimizr in a child JVM behind {@code prefix}; returns its exit status, output in {@code log}. */
  private int run(Path log, List<String> prefix, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(prefix);
    if (root(tmp)) {
      cmd.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
    }
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static void readOnly(Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
  }

  @Test
  void readOnlyOutputDirectory_exit73_withOneLineNamingIt() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    readOnly(out);
    Path log = tmp.resolve("log");

    int status = run(log, List.of(), "-input", in.toString(), "-output", out.toString(), "-quiet");

    assertThat(Files.readString(log)).isEqualTo("optimizr: cannot write to " + out + ": permission denied\n");
    assertThat(status).isEqualTo(73);
    try (var files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void outputToCreateInsideAReadOnlyDirectory_exit73() throws Exception {
    Path parent = Files.createDirectories(tmp.resolve("parent"));
    readOnly(parent);
    Path out = parent.resolve("out");
    Path log = tmp.resolve("log");

    int status = run(log, List.of(), "-input", in.toString(), "-output", out.toString(), "-quiet");

    assertThat(Files.readString(log)).isEqualTo("optimizr: cannot create " + out + ": permission denied\n");
    assertThat(status).isEqualTo(73);
  }

  @Test
  void readOnlySubdirectory_failsItsFilesWithAPlainReason_andTheRunGoesOn() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    readOnly(Files.createDirectories(out.resolve("a")));
    Path log = tmp.resolve("log");

    int status = run(log, List.of(), "-input", in.toString(), "-output", out.toString(), "-quiet");

    String text = Files.readString(log);
    assertThat(text).contains("a/brick.jpg: IO_ERROR: cannot write brick.webp: permission denied\n")
        .doesNotContain("Exception").doesNotContain("optimizr-tmp");
    assertThat(status).as(text).isEqualTo(1);
    assertThat(out.resolve("b.webp")).exists();
    assertThat(Files.readString(out.resolve("failures.jsonl")))
        .contains("\"message\":\"cannot write brick.webp: permission denied\"");
  }

  @Test
  void readOnlyFileSystem_exit73_withOneLineNamingIt() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("ro"));
    Path log = tmp.resolve("log");
    List<String> mountReadOnly = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o ro tmpfs \"$0\" && exec \"$@\"", out.toString());
    Process probe = new ProcessBuilder(new ArrayList<>(mountReadOnly) {{ add("true"); }})
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    assumeTrue(probe.waitFor() == 0, "cannot mount a read-only tmpfs in a private mount namespace (needs root)");

    int status = run(log, mountReadOnly, "-input", in.toString(), "-output", out.toString(), "-quiet");

    assertThat(Files.readString(log)).isEqualTo("optimizr: cannot write to " + out + ": read-only file system\n");
    assertThat(status).isEqualTo(73);
  }
}
