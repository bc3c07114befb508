package dev.optimizr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.cli.Optimizr;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The image as {@code docker run} users meet it. No Docker engine here: the Dockerfile is read as text, and
 * the entry-point script runs under {@code sh} with a stand-in {@code java} that prints its arguments.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Paths.get("Dockerfile");
  private static final Path ENTRYPOINT_SOURCE = Paths.get("src/main/sh/docker-entrypoint.sh");
  private static final Path LAUNCHER_SOURCE = Paths.get("src/main/sh/launcher.sh");
  private static final String LAUNCHER_IN_IMAGE = "/opt/optimizr/bin/optimizr";

  @TempDir Path tmp;

  private final Dockerfile dockerfile = parse();
  private final Dockerfile runtime = dockerfile.finalStage();

  private static Dockerfile parse() {
    try {
      return Dockerfile.parse(DOCKERFILE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void build_isMultiStage_mavenOnJdk17ThenDebiansJre17_bothOverridable() throws Exception {
    List<Dockerfile.Instruction> froms = dockerfile.all("FROM");
    assertThat(froms).hasSize(2);
    assertThat(froms.get(0).words()).containsExactly("${BUILD_IMAGE}", "AS", "build");
    assertThat(froms.get(1).words()).containsExactly("${RUNTIME_IMAGE}");
    Map<String, String> args = dockerfile.args();
    assertThat(args.get("BUILD_IMAGE")).startsWith("maven:").contains("temurin-17");
    // Debian's OpenJDK decodes JPEG with the system libjpeg-turbo (BENCHMARKS.md, "Which Java")
    assertThat(args.get("RUNTIME_IMAGE")).isEqualTo("debian:bookworm-slim");
    assertThat(runtime.all("ARG")).anySatisfy(a -> assertThat(a.text()).isEqualTo("JRE=openjdk-17-jre-headless"));
    assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r.text())
        .contains("apt-get install -y --no-install-recommends \"$JRE\"", "rm -rf /var/lib/apt/lists/*"));
    assertThat(dockerfile.all("RUN")).anySatisfy(r -> assertThat(r.text()).contains("mvn -B", "package"));
    // the single-file launcher (stub + jar); deploy/kubernetes/job.yaml runs it by this path
    assertThat(runtime.all("COPY")).anySatisfy(c -> assertThat(c.words())
        .containsExactly("--from=build", "--chmod=755", "/src/target/optimizr", LAUNCHER_IN_IMAGE));
    assertThat(Files.readString(Paths.get("deploy/kubernetes/job.yaml"))).contains("exec " + LAUNCHER_IN_IMAGE);
  }

  /** The image carries the class-data-sharing archive a conversion run writes, where the launcher looks. */
  @Test
  void image_trainsTheClassDataArchive_beforeDroppingRoot() {
    assertThat(runtime.env()).containsEntry("OPTIMIZR_CDS_DIR", "/opt/optimizr/cds");
    List<Dockerfile.Instruction> all = runtime.instructions();
    int train = indexOf(all, i -> i.keyword().equals("RUN") && i.text().startsWith(LAUNCHER_IN_IMAGE + " -input "));
    int user = indexOf(all, i -> i.keyword().equals("USER"));
    assertThat(train).as("a conversion run at build time").isNotNegative().isLessThan(user);
    assertThat(all.get(train).text()).contains("mv \"$f\" \"${f%.*.part}.jsa\"");
  }

  /** Everything the Dockerfile copies from the build context gets past .dockerignore (which starts with "*"). */
  @Test
  void everyCopiedPath_isInTheBuildContext() throws Exception {
    List<String> ignore = Files.readAllLines(Paths.get(".dockerignore")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(ignore.get(0)).isEqualTo("*");
    for (Dockerfile.Instruction copy : dockerfile.all("COPY")) {
      List<String> paths = copy.words().stream().filter(w -> !w.startsWith("--")).toList();
      if (copy.words().stream().anyMatch(w -> w.startsWith("--from="))) {
        continue;
      }
      for (String source : paths.subList(0, paths.size() - 1)) {
        String top = source.split("/")[0];
        assertThat(ignore).as(copy.text()).anyMatch(l -> l.equals("!" + top) || l.equals("!" + top + "/"));
      }
    }
  }

  private static int indexOf(List<Dockerfile.Instruction> all, java.util.function.Predicate<Dockerfile.Instruction> p) {
    for (int i = 0; i < all.size(); i++) {
      if (p.test(all.get(i))) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void runtime_runsAsNumericNonRootUser() {
    List<Dockerfile.Instruction> users = runtime.all("USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).words().get(0);
    // numeric, so Kubernetes' runAsNonRoot can verify it
    assertThat(user).matches("[0-9]+(:[0-9]+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r.text()).contains("chown", "/data/output"));
  }

  @Test
  void runtime_declaresDataVolumes_utf8Locale_andExecFormEntrypoint() throws Exception {
    assertThat(runtime.all("VOLUME")).singleElement().satisfies(v -> assertThat(parseJsonArray(v.text()))
        .containsExactly("/data/input", "/data/output"));
    assertThat(runtime.env()).containsEntry("LANG", "C.UTF-8").containsEntry("LC_ALL", "C.UTF-8");

    List<String> entrypoint = parseJsonArray(runtime.all("ENTRYPOINT").get(0).text());
    // exec form: the JVM ends up as PID 1 and receives docker stop's SIGTERM
    assertThat(entrypoint).hasSize(1);
    assertThat(runtime.all("COPY")).anySatisfy(c -> assertThat(c.words())
        .endsWith(ENTRYPOINT_SOURCE.toString(), entrypoint.get(0)));
    assertThat(runtime.all("CMD")).as("no CMD: all arguments are the user's").isEmpty();
  }

  /** The image sizes no heap: the launcher gives half the container's limit to it (docs/decisions.md, ADR-5). */
  @Test
  void heap_isHalfTheContainersLimit_sizedByTheLauncher() throws Exception {
    assertThat(runtime.env().getOrDefault("OPTIMIZR_JAVA_OPTS", "")).doesNotContain("-Xmx", "MaxRAM", "MaxHeapSize");
    Path cgroup = Files.createDirectories(tmp.resolve("cgroup"));
    Files.writeString(cgroup.resolve("memory.max"), "8589934592\n"); // docker run --memory=8g, cgroup v2
    assertThat(entrypoint(Map.of("OPTIMIZR_CGROUP_DIR", cgroup.toString()), "-workers", "3"))
        .contains("-Xmx4096m");
  }

  @Test
  void entrypoint_addsDataDirectories_toTheUsersFlags() throws Exception {
    List<String> java = entrypoint("-workers", "3", "-quality", "80");
    Path nativeDir = tmp.resolve("native");

    assertThat(java).contains("-Dcom.luciad.imageio.webp.tmpdir=" + nativeDir);
    assertThat(nativeDir).as("the entry point creates the libwebp directory").isDirectory();
    ParseResult parsed = parseAppArgs(java);
    assertThat(parsed.matchedOptionValue("-input", (String) null)).isEqualTo("/data/input");
    assertThat(parsed.matchedOptionValue("-output", (String) null)).isEqualTo("/data/output");
    assertThat(parsed.matchedOptionValue("-workers", 0)).isEqualTo(3);
    assertThat(parsed.matchedOptionValue("-quality", 0)).isEqualTo(80);
  }

  @Test
  void entrypoint_keepsTheUsersOwnDirectories_inEverySpelling() throws Exception {
    ParseResult both = parseAppArgs(entrypoint("--input=/mnt/photos", "-output", "/mnt/webp"));
    assertThat(both.matchedOptionValue("-input", (String) null)).isEqualTo("/mnt/photos");
    assertThat(both.matchedOptionValue("-output", (String) null)).isEqualTo("/mnt/webp");

    ParseResult one = parseAppArgs(entrypoint("-input=/mnt/photos", "-quality", "95"));
    assertThat(one.matchedOptionValue("-input", (String) null)).isEqualTo("/mnt/photos");
    assertThat(one.matchedOptionValue("-output", (String) null)).isEqualTo("/data/output");
  }

  @Test
  void entrypoint_passesVersionAndHelpThrough() throws Exception {
    assertThat(parseAppArgs(entrypoint("-version")).isVersionHelpRequested()).isTrue();
    assertThat(parseAppArgs(entrypoint("--help")).isUsageHelpRequested()).isTrue();
  }

  @Test
  void entrypoint_nativeDirDefault_isUnderTmp() throws Exception {
    // compose mounts a tmpfs (with exec) on /tmp for --read-only; the default must live inside it
    String script = Files.readString(ENTRYPOINT_SOURCE);
    assertThat(script).containsPattern("native_dir=\\$\\{OPTIMIZR_NATIVE_DIR:-/tmp/[^}]+}");
    assertThat(script).contains("launcher=" + LAUNCHER_IN_IMAGE);
  }

  /**
   * Runs the entry point, then the real launcher script (at a temporary path instead of the image's), with
   * the image's environment and a fake java; returns java's arguments.
   */
  private List<String> entrypoint(String... userArgs) throws Exception {
    return entrypoint(Map.of(), userArgs);
  }

  /** As {@link #entrypoint(String...)}, with more environment. */
  private List<String> entrypoint(Map<String, String> env, String... userArgs) throws Exception {
    Path javaHome = tmp.resolve("jdk");
    Path fakeJava = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Path launcher = tmp.resolve("optimizr");
    Files.copy(LAUNCHER_SOURCE, launcher, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (Path p : List.of(fakeJava, launcher)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path script = tmp.resolve("docker-entrypoint.sh");
    Files.writeString(script, Files.readString(ENTRYPOINT_SOURCE).replace(LAUNCHER_IN_IMAGE, launcher.toString()));

    List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
    cmd.addAll(List.of(userArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(runtime.env());
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("OPTIMIZR_NATIVE_DIR", tmp.resolve("native").toString());
    pb.environment().remove("OPTIMIZR_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out.lines().toList();
  }

  /** The arguments after {@code -jar LAUNCHER}, parsed by the real command: an unknown or repeated flag fails. */
  private ParseResult parseAppArgs(List<String> javaArgs) {
    int jar = javaArgs.indexOf("-jar");
    assertThat(jar).isNotNegative();
    assertThat(javaArgs.get(jar + 1)).isEqualTo(tmp.resolve("optimizr").toString());
    List<String> app = javaArgs.subList(jar + 2, javaArgs.size());
    Optimizr command = new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    return new CommandLine(command).parseArgs(app.toArray(String[]::new));
  }

  private static List<String> parseJsonArray(String json) throws Exception {
    return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
  }
}
