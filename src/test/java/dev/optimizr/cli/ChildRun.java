package dev.optimizr.cli;

import dev.optimizr.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs optimizr in a child JVM, as cron would, for tests of signals, kills, locks and heap limits. */
final class ChildRun {
  private ChildRun() {}

  /** Starts {@code optimizr args…} with extra JVM flags; output goes to {@code log}. */
  static Process start(Path log, List<String> jvmFlags, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static void signal(Process p, String sig) throws Exception {
    new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
  }

  /** Files under {@code dir} whose name ends with {@code suffix} ("" for all). */
  static List<Path> files(Path dir, String suffix) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  /** Waits (at most 60 s) until at least {@code n} WebP files exist or the process ended. */
  static void awaitOutputs(Path out, Process p, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (files(out, ".webp").size() < n && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** Every .webp under {@code out} decodes to the given width. */
  static void assertAllDecode(Path out, int width) throws Exception {
    for (Path p : files(out, ".webp")) {
      if (TestImages.decodeWebP(p).getWidth() != width) {
        throw new AssertionError(p + " does not decode to width " + width);
      }
    }
  }
}
