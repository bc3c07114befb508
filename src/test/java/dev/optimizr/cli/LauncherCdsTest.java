package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing: the first conversion run writes an archive at exit, a later run adopts and
 * maps it, and the user never sees a JVM message about it. With a real JVM and a launcher-plus-jar built the way
 * target/optimizr is, and with a fake java for the choices the launcher makes.
 */
class LauncherCdsTest {
  @TempDir Path tmp;

  /** The launcher followed by a jar whose main class is {@link CdsProbe}, like target/optimizr. */
  private Path probeBinary() throws Exception {
    Path bin = tmp.resolve("optimizr");
    try (OutputStream out = Files.newOutputStream(bin)) {
      out.write(Files.readAllBytes(Paths.get("src/main/sh/launcher.sh")));
      Manifest m = new Manifest();
      m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CdsProbe.class.getName());
      try (JarOutputStream jar = new JarOutputStream(out, m)) {
        String name = CdsProbe.class.getName().replace('.', '/') + ".class";
        jar.putNextEntry(new JarEntry(name));
        try (var in = CdsProbe.class.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
    }
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private static String run(Path bin, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(bin.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("OPTIMIZR_JAVA_OPTS");
    pb.environment().remove("OPTIMIZR_CDS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void age(Path file) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
  }

  @Test
  void firstRunWritesTheArchive_aLaterRunMapsIt_andNothingIsPrinted() throws Exception {
    Path bin = probeBinary();
    Path cds = tmp.resolve("cache");
    Map<String, String> env = Map.of("OPTIMIZR_CDS_DIR", cds.toString());

    // the run that writes the archive is told so (Main then loads the object-storage classes into it)
    assertThat(run(bin, env, "-input", "x")).isEqualTo("probe ran with 2 arguments, training\n");
    List<Path> written = files(cds);
    assertThat(written).hasSize(1);
    assertThat(written.get(0).getFileName().toString()).endsWith(".part");
    assertThat(Files.size(written.get(0))).isPositive();

    age(written.get(0)); // its JVM exited long ago: the next run adopts it
    String traced = run(bin, Map.of("OPTIMIZR_CDS_DIR", cds.toString(), "OPTIMIZR_JAVA_OPTS", "-Xlog:class+load"),
        "-input", "x");
    assertThat(traced).contains(CdsProbe.class.getName() + " source: shared objects file (top)");
    assertThat(files(cds)).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".jsa"));
    assertThat(run(bin, env, "-input", "x")).isEqualTo("probe ran with 2 arguments\n");
  }

  @Test
  void anArchiveTheJvmCannotUse_isIgnoredSilently() throws Exception {
    Path bin = probeBinary();
    Path cds = tmp.resolve("cache");
    Map<String, String> env = Map.of("OPTIMIZR_CDS_DIR", cds.toString());
    assertThat(run(bin, env, "-input", "x")).endsWith(", training\n");
    Path part = files(cds).get(0);
    Files.write(part, "not an archive".getBytes(StandardCharsets.US_ASCII));
    age(part);

    assertThat(run(bin, env, "-input", "x")).isEqualTo("probe ran with 2 arguments\n");
  }

  @Test
  void versionHelpAndStatusRuns_writeNoArchive_andOffTurnsItOff() throws Exception {
    Path bin = probeBinary();
    Path cds = tmp.resolve("cache");
    Map<String, String> env = Map.of("OPTIMIZR_CDS_DIR", cds.toString());
    run(bin, env, "-version");
    run(bin, env, "--help");
    run(bin, env, "status", "-output", "x");
    assertThat(run(bin, Map.of("OPTIMIZR_CDS_DIR", cds.toString(), "OPTIMIZR_CDS", "off"), "-input", "x"))
        .isEqualTo("probe ran with 2 arguments\n");
    assertThat(cds.toFile().list()).isNullOrEmpty();
  }

  /**
   * What the training run adds before it exits: the object-storage client's classes, loaded without a store (a
   * closed local port), end up in the archive, so a later run on a bucket maps them too.
   */
  @Test
  void theTrainingRun_archivesTheObjectStorageClasses() throws Exception {
    Path archive = tmp.resolve("s3.jsa");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String cp = classPathOfJars();
    long start = System.nanoTime();
    assertThat(jvm(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp",
        cp, S3ClassesProbe.class.getName())).isEqualTo("loaded\n");
    // refused at once, not retried: a second or two with the JVM's start and the archive's dump, not minutes
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));

    String listed = jvm(java, "-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit", "-cp", cp,
        S3ClassesProbe.class.getName());
    assertThat(listed).contains("software.amazon.awssdk.services.s3.DefaultS3Client ",
        "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient ",
        "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner ",
        "software.amazon.awssdk.services.s3.model.ListObjectsV2Response ");
  }

  /**
   * The test class path with each class directory packed as a jar: the JVM archives classes from jars only
   * ("Cannot have non-empty directory in paths").
   */
  private String classPathOfJars() throws Exception {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Paths.get(e);
      if (!Files.isDirectory(p)) {
        entries.add(e);
        continue;
      }
      Path jar = tmp.resolve("classes-" + entries.size() + ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(p)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.putNextEntry(new JarEntry(p.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
      entries.add(jar.toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String jvm(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void adoptingAnArchive_removesThoseOfOtherBuilds() throws Exception {
    Path bin = probeBinary();
    Path cds = Files.createDirectories(tmp.resolve("cache"));
    Path older = Files.write(cds.resolve("optimizr-12345.jsa"), new byte[] {1});
    Map<String, String> env = Map.of("OPTIMIZR_CDS_DIR", cds.toString());
    run(bin, env, "-input", "x");
    Path part = files(cds).stream().filter(f -> f.toString().endsWith(".part")).findFirst().orElseThrow();
    age(part);

    run(bin, env, "-input", "x");

    assertThat(older).doesNotExist();
    assertThat(files(cds)).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".jsa"));
  }
}
