package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command as a user runs it, with in-memory stdout/stderr. */
class OptimizrTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
  }

  private static Path samples() {
    return Paths.get("samples").toAbsolutePath();
  }

  private static JsonNode json(Path p) throws Exception {
    return new ObjectMapper().readTree(p.toFile());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-workers 0|-workers must be between 1 and 256, got 0",
      "-workers 257|-workers must be between 1 and 256, got 257",
      "-quality 101|-quality must be between 0 and 100, got 101",
      "-quality -1|-quality must be between 0 and 100, got -1",
      "-max-pixels 0|-max-pixels must be at least 1, got 0",
      "-workers many|Invalid value for option '--workers': expected a number or auto, got 'many'",
      "-frobnicate|Unknown option: '-frobnicate'",
      "-metrics-port 70000|-metrics-port must be between 0 and 65535, got 70000",
      "-pushgateway ftp://gw:21|--pushgateway must be an http(s) URL with a host, e.g. http://pushgateway:9091, got ftp://gw:21",
      "-heap-dump-threshold 0 -heap-dump-dir DUMPS|--heap-dump-threshold must be a percentage above 0 and at most 100, got 0.0",
      "-log-format xml|Invalid value for option '--log-format': expected text or json, got 'xml'",
  })
  void usageErrors_exit2WithOneLine(String flags, String message) {
    String[] args = Stream.concat(Stream.of("-input", samples().toString(), "-output", tmp.resolve("o").toString()),
        Stream.of(flags.replace("DUMPS", tmp.resolve("dumps").toString()).split(" "))).toArray(String[]::new);

    assertThat(run(args)).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("optimizr: " + message + " (see --help)" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void missingInputDirectory_isAUsageError() {
    Path missing = tmp.resolve("nope");
    assertThat(run("-input", missing.toString(), "-output", tmp.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("optimizr: input directory does not exist: " + missing + " (see --help)"
        + System.lineSeparator());
  }

  @Test
  void outputThatIsAFile_isAUsageError() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThat(run("-input", samples().toString(), "-output", file.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("optimizr: -output exists and is not a directory: ").hasLineCount(1);
  }

  @Test
  void help_matchesGoldenFileAndListsExitCodes() throws Exception {
    assertThat(run("--help")).isZero();
    String golden = Files.readString(Paths.get(OptimizrTest.class.getResource("/golden/help.txt").toURI()),
        StandardCharsets.UTF_8);
    assertThat(out.toString().replace(System.lineSeparator(), "\n")).isEqualTo(golden);
    for (ExitCode c : ExitCode.values()) {
      assertThat(golden).contains(c.meaning().substring(0, 20));
    }
  }

  @Test
  void version_namesOptimizrLibwebpAndJava() {
    assertThat(run("-version")).isZero();
    assertThat(out.toString()).startsWith("optimizr ").contains("libwebp ").contains("Java " + Runtime.version().feature());
  }

  @Test
  void samples_convertWithExit0_andTheSummaryMatchesTheDisk() throws Exception {
    Path o = tmp.resolve("out");
    assertThat(run("--input", samples().toString(), "--output", o.toString(), "--workers", "2")).isZero();

    List<Path> sources;
    try (Stream<Path> s = Files.walk(samples())) {
      sources = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).toList();
    }
    long webpBytes = 0;
    long sourceBytes = 0;
    for (Path src : sources) {
      String rel = samples().relativize(src).toString();
      Path webp = o.resolve(rel.substring(0, rel.lastIndexOf('.')) + ".webp");
      assertThat(webp).exists();
      assertThat(TestImages.decodeWebP(webp).getWidth()).isPositive();
      webpBytes += Files.size(webp);
      sourceBytes += Files.size(src);
    }
    JsonNode summary = json(o.resolve("summary.json"));
    assertThat(summary.get("total_files").asLong()).isEqualTo(sources.size());
    assertThat(summary.get("processed_files").asLong()).isEqualTo(sources.size());
    assertThat(summary.get("failed_files").asLong()).isZero();
    assertThat(summary.get("total_output_bytes").asLong()).isEqualTo(webpBytes);
    assertThat(summary.get("total_input_bytes").asLong()).isEqualTo(sourceBytes);
    assertThat(summary.get("interrupted").asBoolean()).isFalse();
    assertThat(Files.readString(o.resolve("failures.jsonl"))).isEmpty();
    assertThat(out.toString()).startsWith("Done: " + sources.size() + " of " + sources.size() + " images converted");
    assertThat(err.toString()).isEmpty();
  }

  /** -workers auto sizes the pool from the CPUs this process may use; the summary names the count chosen. */
  @Test
  void workersAuto_resolvesToAtLeastOne_andTheSummaryNamesIt() throws Exception {
    Path o = tmp.resolve("out");
    assertThat(run("-input", samples().resolve("photos").toString(), "-output", o.toString(), "-workers", "auto"))
        .isZero();
    int cpus = Runtime.getRuntime().availableProcessors();
    assertThat(json(o.resolve("summary.json")).get("workers").asInt())
        .isEqualTo(dev.optimizr.pipeline.AutoWorkers.resolve())
        .isBetween(1, cpus + 1);
  }

  /** The whole edge corpus in one run: exit 1, every reject row listed with a type and no output. */
  @Test
  void edgeCorpus_exit1_everyRejectListed_everyConvertWritten() throws Exception {
    Path o = tmp.resolve("edge-out");
    assertThat(run("-input", TestImages.edge().toString(), "-output", o.toString(), "-keep-extension")).isEqualTo(1);

    ObjectMapper mapper = new ObjectMapper();
    Set<String> failed;
    try (Stream<String> lines = Files.lines(o.resolve("failures.jsonl"))) {
      failed = lines.map(l -> {
        try {
          JsonNode n = mapper.readTree(l);
          assertThat(n.get("error_type").asText()).isNotBlank().isNotEqualTo("INTERNAL_ERROR");
          assertThat(n.get("message").asText()).isNotBlank();
          return n.get("path").asText();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).collect(Collectors.toSet());
    }
    try (Stream<String> rows = Files.lines(TestImages.edge("MANIFEST.tsv"))) {
      rows.skip(1).map(l -> l.split("\t")).forEach(c -> {
        Path webp = o.resolve(c[0] + ".webp");
        if (c[4].equals("reject")) {
          assertThat(failed).as("failures.jsonl").contains(c[0]);
          assertThat(webp).doesNotExist();
        } else if (c[4].equals("convert")) {
          assertThat(failed).as("failures.jsonl").doesNotContain(c[0]);
          assertThat(webp).exists();
        }
      });
    }
    JsonNode summary = json(o.resolve("summary.json"));
    assertThat(summary.get("failed_files").asLong()).isEqualTo(failed.size());
    assertThat(summary.get("processed_files").asLong() + summary.get("failed_files").asLong())
        .isEqualTo(summary.get("total_files").asLong());
    assertThat(err.toString().lines()).hasSize(failed.size())
        .allMatch(l -> l.matches("[^:]+: [A-Z_]+: .+"));
  }

  @Test
  void collision_laterFileFails_earlierOneIsKept() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Files.copy(TestImages.edge("synthetic/plasma-640x480.jpg"), in.resolve("c.jpg"));
    Files.copy(TestImages.edge("synthetic/palette-trns.png"), in.resolve("c.png"));
    Path o = tmp.resolve("o");

    assertThat(run("-input", in.toString(), "-output", o.toString())).isEqualTo(1);

    assertThat(TestImages.decodeWebP(o.resolve("c.webp")).getWidth()).isEqualTo(640);
    assertThat(Files.readString(o.resolve("failures.jsonl")))
        .contains("\"path\":\"c.png\"", "\"error_type\":\"OUTPUT_COLLISION\"");
    assertThat(err.toString()).startsWith("c.png: OUTPUT_COLLISION: maps to the same output c.webp as c.jpg");
  }

  /** FIFOs, link loops, dangling links, folders named like images, non-images with image names: no hang. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard (opening a FIFO blocks forever), not a speed target
  void hostileTree_finishesWithEveryBadFileListed() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(TestImages.edge("synthetic/plasma-640x480.jpg"), in.resolve("good.jpg"));
    Files.write(in.resolve("empty.png"), new byte[0]);
    Files.write(in.resolve("anim.jpg"), "GIF89a\1\0\1\0\0\0\0;".getBytes(StandardCharsets.US_ASCII));
    Files.copy(TestImages.edge("synthetic/bomb-sof-65000x65000.jpg"), in.resolve("bomb.jpg"));
    Files.createDirectories(in.resolve("folder.png/deeper"));
    Files.createSymbolicLink(in.resolve("folder.png/deeper/loop"), in);
    Files.createSymbolicLink(in.resolve("dangling.jpg"), in.resolve("missing.jpg"));
    new ProcessBuilder("mkfifo", in.resolve("fifo.jpg").toString()).start().waitFor();
    Path o = tmp.resolve("o");

    assertThat(run("-input", in.toString(), "-output", o.toString())).isEqualTo(1);

    assertThat(Files.readString(o.resolve("failures.jsonl")))
        .contains("\"path\":\"empty.png\",\"error_type\":\"UNSUPPORTED_FORMAT\"")
        .contains("\"path\":\"anim.jpg\",\"error_type\":\"UNSUPPORTED_FORMAT\"")
        .contains("\"path\":\"bomb.jpg\",\"error_type\":\"TOO_LARGE\"")
        .hasLineCount(3);
    assertThat(o.resolve("good.webp")).exists();
    assertThat(json(o.resolve("summary.json")).get("total_files").asLong()).isEqualTo(4);
  }

  /** Every field SPEC.md names, with its JSON type. */
  private static final Map<String, JsonNodeType> SPEC_FIELDS = specFields();

  private static Map<String, JsonNodeType> specFields() {
    Map<String, JsonNodeType> m = new LinkedHashMap<>();
    for (String f : ("start_time end_time duration cpu_bound_analysis version input_dir output_dir").split(" ")) {
      m.put(f, JsonNodeType.STRING);
    }
    for (String f : ("duration_seconds error_rate_percent total_input_gb total_output_gb space_saving_percent "
        + "compression_ratio avg_processing_time_ms min_processing_time_ms max_processing_time_ms "
        + "throughput_mb_per_sec images_per_second peak_memory_alloc_mb peak_memory_sys_mb memory_min_mb "
        + "memory_max_mb memory_range_mb avg_gc_pause_ms max_gc_pause_ms gc_pause_total_ms p50_processing_time_ms "
        + "p95_processing_time_ms p99_processing_time_ms total_input_megapixels megapixels_per_second heap_max_mb "
        + "total_files processed_files failed_files total_input_bytes total_output_bytes bytes_saved total_gc_runs "
        + "workers quality skipped_files warning_files output_larger_than_input_files forced_gc_runs "
        + "available_processors").split(" ")) {
      m.put(f, JsonNodeType.NUMBER);
    }
    m.put("memory_stable", JsonNodeType.BOOLEAN);
    m.put("interrupted", JsonNodeType.BOOLEAN);
    m.put("recommendations", JsonNodeType.ARRAY);
    m.put("memory_snapshots", JsonNodeType.ARRAY);
    m.put("errors_by_type", JsonNodeType.OBJECT);
    return m;
  }

  /** A mixed corpus with failures: every SPEC field with its type, numbers that match the disk. */
  @Test
  void summary_hasEverySpecField_andItsNumbersMatchTheDisk() throws Exception {
    Path in = tmp.resolve("mixed");
    for (String f : List.of("synthetic/plasma-640x480.jpg", "synthetic/palette-trns.png", "synthetic/empty.jpg",
        "synthetic/text-file.png", "synthetic/cmyk-adobe.jpg", "pngsuite/basn0g16.png", "pngsuite/xcsn0g01.png")) {
      Path dst = in.resolve(f);
      Files.createDirectories(dst.getParent());
      Files.copy(TestImages.edge(f), dst);
    }
    Path o = tmp.resolve("o");
    assertThat(run("-input", in.toString(), "-output", o.toString(), "-sample-interval", "50ms", "-quiet"))
        .isEqualTo(1);

    JsonNode s = json(o.resolve("summary.json"));
    SPEC_FIELDS.forEach((field, type) -> {
      assertThat(s.has(field)).as("summary.json has %s", field).isTrue();
      assertThat(s.get(field).getNodeType()).as(field).isEqualTo(type);
    });
    assertThat(s.size()).isGreaterThanOrEqualTo(46);
    for (JsonNode snap : s.get("memory_snapshots")) {
      for (String f : List.of("timestamp", "alloc_mb", "total_alloc_mb", "sys_mb", "heap_inuse_mb", "num_gc",
          "gc_pause_ms")) {
        assertThat(snap.has(f)).as("memory_snapshots[].%s", f).isTrue();
      }
    }
    assertThat(s.get("memory_snapshots").size()).isGreaterThanOrEqualTo(2);

    long webpBytes;
    long webpCount;
    try (Stream<Path> files = Files.walk(o)) {
      List<Path> webps = files.filter(p -> p.toString().endsWith(".webp")).toList();
      webpCount = webps.size();
      long sum = 0;
      for (Path p : webps) {
        sum += Files.size(p);
      }
      webpBytes = sum;
    }
    long sourceBytes = 0;
    for (String f : List.of("synthetic/plasma-640x480.jpg", "synthetic/palette-trns.png",
        "synthetic/cmyk-adobe.jpg", "pngsuite/basn0g16.png")) {
      sourceBytes += Files.size(TestImages.edge(f));
    }
    assertThat(s.get("total_files").asLong()).isEqualTo(7);
    assertThat(s.get("processed_files").asLong()).isEqualTo(4).isEqualTo(webpCount);
    assertThat(s.get("failed_files").asLong()).isEqualTo(3);
    assertThat(s.get("processed_files").asLong() + s.get("failed_files").asLong() + s.get("skipped_files").asLong())
        .isEqualTo(s.get("total_files").asLong());
    assertThat(s.get("errors_by_type").get("UNSUPPORTED_FORMAT").asLong()).isEqualTo(2);
    assertThat(s.get("errors_by_type").get("CORRUPT_INPUT").asLong()).isEqualTo(1);
    assertThat(s.get("total_output_bytes").asLong()).isEqualTo(webpBytes);
    assertThat(s.get("total_input_bytes").asLong()).isEqualTo(sourceBytes);
    assertThat(s.get("bytes_saved").asLong()).isEqualTo(sourceBytes - webpBytes);
    assertThat(s.get("compression_ratio").asDouble()).isCloseTo((double) sourceBytes / webpBytes, within(0.001));
    assertThat(s.get("space_saving_percent").asDouble())
        .isCloseTo(100.0 * (sourceBytes - webpBytes) / sourceBytes, within(0.01));
    assertThat(s.get("error_rate_percent").asDouble()).isCloseTo(300.0 / 7, within(0.01));
    assertThat(s.get("total_input_megapixels").asDouble())
        .isCloseTo((640 * 480 + 160 * 120 + 320 * 240 + 32 * 32) / 1e6, within(0.001));
    double min = s.get("min_processing_time_ms").asDouble();
    assertThat(min).isPositive().isLessThanOrEqualTo(s.get("p50_processing_time_ms").asDouble());
    assertThat(s.get("p50_processing_time_ms").asDouble()).isLessThanOrEqualTo(s.get("p95_processing_time_ms").asDouble());
    assertThat(s.get("p95_processing_time_ms").asDouble()).isLessThanOrEqualTo(s.get("p99_processing_time_ms").asDouble());
    assertThat(s.get("p99_processing_time_ms").asDouble())
        .isLessThanOrEqualTo(s.get("max_processing_time_ms").asDouble() + 0.01);
    Instant start = Instant.parse(s.get("start_time").asText());
    Instant end = Instant.parse(s.get("end_time").asText());
    assertThat(s.get("duration_seconds").asDouble())
        .isCloseTo(Duration.between(start, end).toMillis() / 1000.0, within(0.002));
    assertThat(s.get("interrupted").asBoolean()).isFalse();
    assertThat(s.get("recommendations").size()).isPositive();
  }

  @Test
  void verbose_printsAnAlignedBoxReport_andPerImageLines() {
    assertThat(run("-input", samples().toString(), "-output", tmp.resolve("o").toString(), "-verbose", "-quiet"))
        .isZero();
    List<String> box = out.toString().lines().filter(l -> l.startsWith("║") || l.startsWith("╔")
        || l.startsWith("╠") || l.startsWith("╚")).toList();
    assertThat(box).hasSizeGreaterThan(30).allSatisfy(l -> assertThat(l).hasSize(80));
    assertThat(out.toString()).contains("OK photos/plasma-640x480.jpg 113.3 KB → ");
  }

  @Test
  void withoutATerminal_progressIsPrintedAsPlainLines_andQuietSilencesThem() throws Exception {
    Path in = tmp.resolve("many");
    for (int i = 0; i < 16; i++) {
      Files.createDirectories(in);
      Files.copy(TestImages.edge("exif-orientation-examples/Landscape_1.jpg"), in.resolve(i + ".jpg"));
    }
    assertThat(run("-input", in.toString(), "-output", tmp.resolve("o1").toString(), "-workers", "1",
        "--progress-interval", "200ms")).isZero();
    assertThat(out.toString().lines().filter(l -> l.startsWith("progress: ")))
        .isNotEmpty()
        .allMatch(l -> l.matches("progress: \\d+ converted, 0 skipped, 0 failed, (\\d+ left of 16 \\(\\d+ %\\)|"
            + "counting the tree \\(\\d+ found so far\\)); [0-9.]+ images/s, [0-9.]+ MB/s(, ETA .+)?"));
    out.getBuffer().setLength(0);
    assertThat(run("-input", in.toString(), "-output", tmp.resolve("o2").toString(), "-workers", "1",
        "--progress-interval", "200ms", "-quiet")).isZero();
    assertThat(out.toString()).doesNotContain("progress: ");
  }
}
