package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's memory defaults (README "Running it"): applied unless the caller sizes the heap. */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void withoutHeapFlags_capsTheHeapAt384Mb_andLimitsMallocArenas() throws Exception {
    List<String> out = launch(Map.of());
    // 384 MB, or a quarter of the memory limit on a machine with less than 2 GB
    assertThat(out).filteredOn(a -> a.startsWith("-Xmx")).singleElement()
        .satisfies(a -> assertThat(Integer.parseInt(a.replaceAll("\\D", ""))).isBetween(64, 384));
    assertThat(out).contains("-Djdk.nio.maxCachedBufferSize=262144", "MALLOC_ARENA_MAX=2");
  }

  @Test
  void aHeapSizedByTheCaller_isLeftAlone_inEveryForm() throws Exception {
    for (Map<String, String> env : List.of(Map.of("OPTIMIZR_JAVA_OPTS", "-Xmx2g"),
        Map.of("OPTIMIZR_JAVA_OPTS", "-XX:MaxRAMPercentage=70"),
        Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxHeapSize=3g"),
        Map.of("JDK_JAVA_OPTIONS", "-XX:+UseSerialGC -Xmx1g"))) {
      assertThat(launch(env)).as(env.toString()).noneMatch(a -> a.startsWith("-Xmx") && a.endsWith("m"));
    }
    assertThat(launch(Map.of("OPTIMIZR_JAVA_OPTS", "-Xmx2g"))).contains("-Xmx2g");
  }

  @Test
  void mallocSettingsOfTheCaller_win() throws Exception {
    assertThat(launch(Map.of("MALLOC_ARENA_MAX", "4"))).contains("MALLOC_ARENA_MAX=4");
  }

  /** Runs src/main/sh/launcher.sh with a fake java that prints its arguments and the malloc variables. */
  private List<String> launch(Map<String, String> env) throws Exception {
    Path javaHome = tmp.resolve("jdk");
    Path fakeJava = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"
        + "echo MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\necho MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("sh", Paths.get("src/main/sh/launcher.sh").toString(), "-version")
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    for (String v : List.of("OPTIMIZR_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MALLOC_ARENA_MAX",
        "MALLOC_MMAP_THRESHOLD_")) {
      pb.environment().remove(v);
    }
    pb.environment().putAll(env);
    pb.environment().put("JAVA_HOME", javaHome.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out.lines().toList();
  }
}
