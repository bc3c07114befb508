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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher's memory defaults (README "Running it"): applied unless the caller sizes the heap. */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void withoutHeapFlags_sizesTheHeapAtHalfTheMemoryLimit_andLimitsMallocArenas() throws Exception {
    List<String> out = launch(Map.of());
    assertThat(out).contains("-Xmx" + Math.min(memTotalKb(), cgroupLimitKb(Path.of("/sys/fs/cgroup"))) / 2048 + "m");
    assertThat(out).contains("-Djdk.nio.maxCachedBufferSize=262144", "MALLOC_ARENA_MAX=2");
  }

  /** The container's limit, in cgroup v2's or v1's file, when it is below the machine's memory. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "memory.max, 4294967296, 2048", // docker --memory=4g, cgroup v2
      "memory/memory.limit_in_bytes, 2147483648, 1024", // cgroup v1
      "memory.max, 536870912, 256",
  })
  void containerLimit_halfOfItIsTheHeap(String file, long bytes, int heapMb) throws Exception {
    Path cgroup = fakeCgroup(file, Long.toString(bytes));
    assertThat(launch(Map.of("OPTIMIZR_CGROUP_DIR", cgroup.toString()))).contains("-Xmx" + heapMb + "m");
  }

  /** No limit ("max" in v2, a page-rounded 2^63 in v1) or one above the machine's memory: half the machine. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "memory.max, max",
      "memory/memory.limit_in_bytes, 9223372036854771712",
      "memory.max, 1125899906842624", // 1 PiB
  })
  void noLimitBelowTheMachine_halfTheMachineIsTheHeap(String file, String value) throws Exception {
    Path cgroup = fakeCgroup(file, value);
    assertThat(launch(Map.of("OPTIMIZR_CGROUP_DIR", cgroup.toString()))).contains("-Xmx" + memTotalKb() / 2048 + "m");
  }

  /** G1 collects dead rasters early and returns heap (docs/decisions.md, ADR-5); the caller's flags come later, and win. */
  @Test
  void g1GivesHeapBack_unlessTheCallerSaysOtherwise() throws Exception {
    List<String> out = launch(Map.of("OPTIMIZR_JAVA_OPTS", "-XX:MaxHeapFreeRatio=50"));
    assertThat(out).contains("-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=10", "-XX:+ExplicitGCInvokesConcurrent");
    assertThat(out.lastIndexOf("-XX:MaxHeapFreeRatio=50")).isGreaterThan(out.indexOf("-XX:MaxHeapFreeRatio=20"));
  }

  private Path fakeCgroup(String file, String value) throws Exception {
    Path f = tmp.resolve("cgroup").resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, value + "\n");
    return tmp.resolve("cgroup");
  }

  private static long memTotalKb() throws Exception {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
  }

  /** The limit in the real cgroup files the launcher reads, or Long.MAX_VALUE. */
  private static long cgroupLimitKb(Path root) throws Exception {
    long kb = Long.MAX_VALUE;
    for (Path f : List.of(root.resolve("memory.max"), root.resolve("memory/memory.limit_in_bytes"))) {
      if (Files.isReadable(f)) {
        String v = Files.readString(f).strip();
        if (v.matches("\\d+")) {
          kb = Math.min(kb, Long.parseLong(v) / 1024);
        }
      }
    }
    return kb;
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

  /** JDK 17-21 only: an allocation waits for native calls pinning arrays instead of failing after 2 tries. */
  @Test
  void gcLockerRetries_onJava17To21_only() throws Exception {
    String flag = "-XX:GCLockerRetryAllocationCount=100";
    release("17.0.15");
    assertThat(launch(Map.of())).contains("-XX:+UnlockDiagnosticVMOptions", flag);
    release("21.0.2");
    assertThat(launch(Map.of())).contains(flag);
    release("25.0.3");
    assertThat(launch(Map.of())).doesNotContain(flag); // the flag is gone: the JVM would refuse to start
    Files.delete(tmp.resolve("jdk/release"));
    assertThat(launch(Map.of())).doesNotContain(flag);
  }

  private void release(String version) throws Exception {
    Files.createDirectories(tmp.resolve("jdk"));
    Files.writeString(tmp.resolve("jdk/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
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
        "MALLOC_MMAP_THRESHOLD_", "OPTIMIZR_CGROUP_DIR")) {
      pb.environment().remove(v);
    }
    pb.environment().put("OPTIMIZR_CDS", "off"); // LauncherCdsTest covers class-data sharing
    pb.environment().putAll(env);
    pb.environment().put("JAVA_HOME", javaHome.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out.lines().toList();
  }
}
