package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
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
      "-workers many|Invalid value for option '--workers': 'many' is not an int",
      "-frobnicate|Unknown option: '-frobnicate'",
  })
  void usageErrors_exit2WithOneLine(String flags, String message) {
    String[] args = Stream.concat(Stream.of("-input", samples().toString(), "-output", tmp.resolve("o").toString()),
        Stream.of(flags.split(" "))).toArray(String[]::new);

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
}
