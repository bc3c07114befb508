package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.optimizr.io.s3.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code status} and {@code report} on an s3:// output, after real bucket-to-bucket runs against S3Proxy: the
 * numbers are the runs', the same as the record read from a local copy; nothing but report.html is written to the
 * bucket; a prefix without a record, refused credentials and an unreachable store are one line each.
 */
class ObjectStorageStatusTest {
  private static final int GOOD = 6;

  @TempDir
  static Path serverDir;
  static S3ProxyServer server;
  private static int buckets;

  @TempDir
  Path tmp;
  private String bucket;
  private String out;

  private record Result(int exit, String out, String err) {}

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void credentialsAndSources() throws Exception {
    // The SDK's default chain reads these system properties first: the code under test builds its own client.
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    System.setProperty("aws.region", "us-east-1");
    bucket = "status-" + (++buckets);
    server.bucket(bucket);
    out = "s3://" + bucket + "/out/";
    for (int i = 0; i < GOOD; i++) {
      server.put(bucket, "in/" + (i % 2 == 0 ? "" : "x/") + "img" + i + ".jpg", ObjectStorageTest.jpeg(i));
    }
    server.put(bucket, "in/x/empty.jpg", new byte[0]); // fails as UNSUPPORTED_FORMAT
  }

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.region");
  }

  private static Result optimizr(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int exit = new Optimizr(new PrintWriter(o, true), new PrintWriter(e, true), false).run(args);
    return new Result(exit, o.toString(), e.toString());
  }

  /** A conversion of the bucket's in/ into out/, as a user runs it. */
  private int convert(String... more) {
    List<String> args = new ArrayList<>(List.of("-input", "s3://" + bucket + "/in/", "-output", out,
        "-s3-endpoint", server.endpoint().toString(), "-s3-work-dir", tmp.resolve("work").toString(), "-quiet"));
    args.addAll(List.of(more));
    Result r = optimizr(args.toArray(String[]::new));
    assertThat(r.err()).doesNotContain("Exception");
    return r.exit();
  }

  /** {@code optimizr COMMAND ARGS -s3-endpoint …}: only the flags a user of status or report types. */
  private static Result command(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("-s3-endpoint", server.endpoint().toString()))
        .toArray(String[]::new);
    return optimizr(all);
  }

  private static JsonNode json(Result r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return new ObjectMapper().readTree(r.out());
  }

  /** Key → size and ETag of every object under {@code prefix}: changes when anything is written. */
  private Map<String, String> objects(String prefix) {
    Map<String, String> m = new TreeMap<>();
    try (S3Client c = server.client()) {
      for (S3Object o : c.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        m.put(o.key().substring(prefix.length()), o.size() + " " + o.eTag());
      }
    }
    return m;
  }

  private long bytesOf(String prefix, String suffix) {
    try (S3Client c = server.client()) {
      return c.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
          .filter(o -> o.key().endsWith(suffix)).mapToLong(S3Object::size).sum();
    }
  }

  private ResponseBytes<GetObjectResponse> get(String key) {
    try (S3Client c = server.client()) {
      return c.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }
  }

  /** The bucket's record files, copied with the test's own client into {@code dir/.optimizr/}. */
  private Path localCopyOfTheRecord(String... names) throws Exception {
    Path dir = tmp.resolve("copy");
    Files.createDirectories(dir.resolve(".optimizr"));
    try (S3Client c = server.client()) {
      for (String name : names) {
        c.getObject(b -> b.bucket(bucket).key("out/.optimizr/" + name),
            ResponseTransformer.toFile(dir.resolve(".optimizr").resolve(name)));
      }
    }
    return dir;
  }

  /** The temporary copies of records in the temp directory: status and report must leave none behind. */
  private static Set<Path> recordCopies() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("optimizr-record-")).collect(Collectors.toSet());
    }
  }

  private static JsonNode withoutOutputDir(JsonNode status) {
    ObjectNode copy = status.deepCopy();
    copy.remove("output_dir");
    return copy;
  }

  @Test
  void status_ofABucketToBucketRun_isTheRunsNumbers_andTheSameAsTheRecordReadLocally() throws Exception {
    assertThat(convert()).isEqualTo(1);
    Map<String, String> bucketBefore = objects("");
    Set<Path> copiesBefore = recordCopies();

    JsonNode s = json(command("status", "-output", out, "--json"));

    JsonNode summary = new ObjectMapper().readTree(get("out/summary.json").asByteArray());
    assertThat(summary.get("processed_files").asLong()).isEqualTo(GOOD);
    assertThat(s.get("output_dir").asText()).isEqualTo(out);
    assertThat(s.get("records")).hasSize(1);
    assertThat(s.get("records").get(0).asText()).isEqualTo("record.db");
    assertThat(s.get("converted_files").asLong()).isEqualTo(summary.get("processed_files").asLong());
    assertThat(s.get("failed_files").asLong()).isEqualTo(summary.get("failed_files").asLong()).isEqualTo(1);
    assertThat(s.get("failures_by_type").get("UNSUPPORTED_FORMAT").asLong()).isEqualTo(1);
    assertThat(s.get("input_bytes").asLong()).isEqualTo(bytesOf("in/", ".jpg"));
    assertThat(s.get("output_bytes").asLong()).isEqualTo(bytesOf("out/", ".webp")).isPositive();
    assertThat(s.get("runs")).hasSize(1);
    assertThat(s.get("runs").get(0).get("processed_files").asLong()).isEqualTo(GOOD);
    assertThat(s.get("runs").get(0).get("exit_code").asInt()).isEqualTo(1);
    assertThat(objects("")).as("status writes nothing to the bucket").isEqualTo(bucketBefore);
    assertThat(recordCopies()).as("the downloaded record is deleted").isEqualTo(copiesBefore);

    Path copy = localCopyOfTheRecord("record.db");
    assertThat(withoutOutputDir(s)).isEqualTo(withoutOutputDir(json(optimizr("status", "-output", copy.toString(),
        "--json"))));
    List<String> text = command("status", "-output", out).out().lines().toList();
    List<String> localText = optimizr("status", "-output", copy.toString()).out().lines().toList();
    assertThat(text.get(0)).isEqualTo("Migration into " + out + " (1 record: record.db)");
    assertThat(text.subList(1, text.size())).isEqualTo(localText.subList(1, localText.size())).isNotEmpty();
  }

  @Test
  void status_withAnS3Input_countsWhatIsPending_fromTheBucketsListing() throws Exception {
    assertThat(convert()).isEqualTo(1);

    JsonNode s = json(command("status", "-output", out, "-input", "s3://" + bucket + "/in/", "--json"));
    assertThat(s.get("input_dir").asText()).isEqualTo("s3://" + bucket + "/in/");
    assertThat(s.get("total_files").asLong()).isEqualTo(GOOD + 1);
    assertThat(s.get("pending_files").asLong()).isZero();

    server.put(bucket, "in/x/new.jpg", ObjectStorageTest.jpeg(99)); // a new source
    try (S3Client c = server.client()) {
      c.deleteObject(b -> b.bucket(bucket).key("out/img0.webp")); // an output deleted since
    }
    s = json(command("status", "-output", out, "-input", "s3://" + bucket + "/in/", "--json"));
    assertThat(s.get("total_files").asLong()).isEqualTo(GOOD + 2);
    assertThat(s.get("pending_files").asLong()).isEqualTo(2);
  }

  @Test
  void status_ofTwoShards_addsUpBothRecords_asTheRunsSaid() throws Exception {
    assertThat(convert("-shard", "0/2")).isIn(0, 1);
    assertThat(convert("-shard", "1/2")).isIn(0, 1);
    JsonNode shard0 = new ObjectMapper().readTree(get("out/summary-0-of-2.json").asByteArray());
    JsonNode shard1 = new ObjectMapper().readTree(get("out/summary-1-of-2.json").asByteArray());

    JsonNode s = json(command("status", "-output", out, "-input", "s3://" + bucket + "/in/", "--json"));

    assertThat(s.get("records").toString()).isEqualTo("[\"record-0-of-2.db\",\"record-1-of-2.db\"]");
    assertThat(s.get("converted_files").asLong())
        .isEqualTo(shard0.get("processed_files").asLong() + shard1.get("processed_files").asLong())
        .isEqualTo(GOOD);
    assertThat(s.get("failed_files").asLong())
        .isEqualTo(shard0.get("failed_files").asLong() + shard1.get("failed_files").asLong()).isEqualTo(1);
    assertThat(s.get("output_bytes").asLong()).isEqualTo(bytesOf("out/", ".webp"));
    assertThat(s.get("pending_files").asLong()).isZero();
    assertThat(s.get("runs")).hasSize(2);
    assertThat(s.get("runs").get(0).get("shard").asText()).isEqualTo("0/2");
    assertThat(s.get("runs").get(1).get("shard").asText()).isEqualTo("1/2");

    Path copy = localCopyOfTheRecord("record-0-of-2.db", "record-1-of-2.db");
    JsonNode local = json(optimizr("status", "-output", copy.toString(), "--json"));
    ObjectNode remote = (ObjectNode) withoutOutputDir(s);
    for (String walked : new String[] {"input_dir", "total_files", "pending_files", "files_per_second",
        "eta_seconds"}) {
      remote.remove(walked);
    }
    assertThat(remote).isEqualTo(withoutOutputDir(local));
  }

  @Test
  void report_ofAnS3Output_uploadsReportHtmlWithTheTotals_andLeavesTheRecordAlone() throws Exception {
    assertThat(convert("-shard", "0/2")).isIn(0, 1);
    assertThat(convert("-shard", "1/2")).isIn(0, 1);
    assertThat(objects("out/")).doesNotContainKey("report.html"); // shards publish report-I-of-N.html
    Map<String, String> recordBefore = objects("out/.optimizr/");
    Set<Path> copiesBefore = recordCopies();

    Result r = command("report", "-output", out);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("Report: " + out + "report.html");
    ResponseBytes<GetObjectResponse> page = get("out/report.html");
    assertThat(page.response().contentType()).startsWith("text/html");
    assertThat(page.asString(StandardCharsets.UTF_8))
        .contains("id=\"processed_files\" data-value=\"" + GOOD + "\"", "id=\"failed_files\" data-value=\"1\"",
            "id=\"run_count\" data-value=\"2\"", ">0/2<", ">1/2<", "UNSUPPORTED_FORMAT", "x/empty.jpg",
            "into " + out);
    assertThat(objects("out/.optimizr/")).isEqualTo(recordBefore);
    assertThat(recordCopies()).isEqualTo(copiesBefore);
  }

  @Test
  void aPrefixWithoutRecord_isAUsageError_inOneLine() throws Exception {
    server.put(bucket, "empty/.optimizr/notes.txt", "not a record".getBytes(StandardCharsets.UTF_8));
    server.put(bucket, "empty/a.webp", new byte[] {1});
    Map<String, String> before = objects("empty/");
    Set<Path> copiesBefore = recordCopies();

    for (String command : new String[] {"status", "report"}) {
      Result r = command(command, "-output", "s3://" + bucket + "/empty/");

      assertThat(r.exit()).as(command).isEqualTo(2);
      assertThat(r.err()).as(command).isEqualTo("optimizr: no migration record in s3://" + bucket
          + "/empty/.optimizr/ (no run of this release has written to this output yet) (see --help)\n");
    }
    assertThat(objects("empty/")).as("report writes no page without a record").isEqualTo(before)
        .doesNotContainKey("report.html");
    assertThat(recordCopies()).isEqualTo(copiesBefore);
  }

  @Test
  void wrongCredentials_exit77_inOneLine() {
    assertThat(convert()).isEqualTo(1);
    System.setProperty("aws.secretAccessKey", "wrong");

    for (String command : new String[] {"status", "report"}) {
      Result r = command(command, "-output", out);

      assertThat(r.exit()).as(command).isEqualTo(ExitCode.STORAGE_ACCESS.code());
      assertThat(r.err().strip()).as(command).doesNotContain("\n").startsWith("optimizr: " + out + ": access denied: ")
          .doesNotContain("Exception");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void noStore_exit69_inOneLine() {
    Result r = optimizr("status", "-output", out, "-s3-endpoint", "http://127.0.0.1:9");

    assertThat(r.exit()).isEqualTo(ExitCode.STORAGE_UNAVAILABLE.code());
    assertThat(r.err().strip()).doesNotContain("\n")
        .startsWith("optimizr: cannot reach object storage (http://127.0.0.1:9): ").doesNotContain("Exception");
  }

  @Test
  void alongsideWithAnS3Input_isAUsageError() {
    Result r = command("status", "-alongside", "-input", "s3://" + bucket + "/in/");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("optimizr: -alongside writes beside local sources; it does not take s3:// URLs"
        + " (see --help)\n");
  }
}
