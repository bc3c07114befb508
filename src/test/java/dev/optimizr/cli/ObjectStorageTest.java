package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import dev.optimizr.io.s3.FaultyProxy;
import dev.optimizr.io.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * s3:// inputs and outputs against a real S3 API server (S3Proxy in this JVM, filesystem backend): every
 * combination with local paths, re-runs, odd keys, and the faults a user meets first (wrong credentials, no
 * server, a server that stops mid-run).
 */
class ObjectStorageTest {
  @TempDir
  static Path serverDir;
  static S3ProxyServer server;

  @TempDir
  Path tmp;
  private StringWriter stdout;
  private StringWriter stderr;
  private String bucket;
  private static int buckets;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void credentials() {
    // The SDK's default chain reads these system properties first: the code under test builds its own client.
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    System.setProperty("aws.region", "us-east-1");
    bucket = "bucket-" + (++buckets);
    server.bucket(bucket);
  }

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.region");
  }

  private int run(String... args) {
    return runVia(server.endpoint().toString(), args);
  }

  /** Runs with {@code endpoint} as the object store, e.g. a proxy in front of the server. */
  private int runVia(String endpoint, String... args) {
    stdout = new StringWriter();
    stderr = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-s3-endpoint", endpoint, "-s3-work-dir", tmp.resolve("work").toString(), "-quiet"));
    return new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false)
        .run(all.toArray(String[]::new));
  }

  static byte[] jpeg(int seed) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ImageIO.write(TestImages.photoLike(96, 64, seed), "jpeg", b);
    return b.toByteArray();
  }

  /** Sources: two folders, a key with spaces and non-ASCII characters, folder markers, a 0-byte .jpg. */
  private void putSources(String prefix) throws Exception {
    server.put(bucket, prefix + "a.jpg", jpeg(1));
    server.put(bucket, prefix + "x/", new byte[0]); // a folder marker, as consoles make
    server.put(bucket, prefix + "x/b.jpg", jpeg(2));
    server.put(bucket, prefix + "x/y/c.jpg", jpeg(3));
    server.put(bucket, prefix + "ünï cødé/spa ce.jpg", jpeg(4));
    server.put(bucket, prefix + "empty.jpg", new byte[0]);
    server.put(bucket, prefix + "notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
  }

  /** Key → size of every object under {@code prefix}. */
  private Map<String, Long> objects(String prefix) {
    Map<String, Long> m = new TreeMap<>();
    try (S3Client c = server.client()) {
      for (S3Object o : c.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        m.put(o.key().substring(prefix.length()), o.size());
      }
    }
    return m;
  }

  private ResponseBytes<GetObjectResponse> get(String key) {
    try (S3Client c = server.client()) {
      return c.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }
  }

  private JsonNode json(String key) throws Exception {
    return new ObjectMapper().readTree(get(key).asByteArray());
  }

  @Test
  void bucketToBucket_convertsEveryImage_thenARerunSkipsThemAll() throws Exception {
    putSources("in/");

    int first = run("-input", "s3://" + bucket + "/in/", "-output", "s3://" + bucket + "/out/");

    assertThat(first).as(stderr.toString()).isEqualTo(1); // the empty .jpg fails
    assertThat(objects("out/").keySet()).contains("a.webp", "x/b.webp", "x/y/c.webp", "ünï cødé/spa ce.webp",
        "summary.json", "failures.jsonl", ".optimizr/record.db").doesNotContain("empty.webp", "x/.webp");
    ResponseBytes<GetObjectResponse> webp = get("out/x/y/c.webp");
    assertThat(webp.response().contentType()).isEqualTo("image/webp");
    assertThat(new String(webp.asByteArray(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    JsonNode summary = json("out/summary.json");
    assertThat(summary.get("processed_files").asLong()).isEqualTo(4);
    assertThat(summary.get("failed_files").asLong()).isEqualTo(1);
    assertThat(summary.get("input_dir").asText()).isEqualTo("s3://" + bucket + "/in/");
    assertThat(new String(get("out/failures.jsonl").asByteArray(), StandardCharsets.UTF_8))
        .contains("\"path\":\"empty.jpg\"", "UNSUPPORTED_FORMAT");

    // A run on another machine: nothing local survives, the record comes back from the bucket.
    deleteTree(tmp.resolve("work"));
    int second = run("-input", "s3://" + bucket + "/in/", "-output", "s3://" + bucket + "/out/");

    assertThat(second).as(stderr.toString()).isEqualTo(1);
    JsonNode again = json("out/summary.json");
    assertThat(again.get("processed_files").asLong()).isZero();
    assertThat(again.get("skipped_files").asLong()).isEqualTo(4);
  }

  /** Listings of folders under {@code prefix} (ListObjectsV2 with a delimiter) among a proxy's requests. */
  private long folderListings(FaultyProxy proxy, String prefix) {
    String p = "prefix=" + java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8);
    return proxy.requestLines().stream()
        .filter(l -> l.contains("list-type=2") && l.contains("delimiter=") && l.contains(p)).count();
  }

  @Test
  void aFirstRun_listsNoOutputFolder_aRerunListsEachFolderOnRecordOnce() throws Exception {
    for (int d = 0; d < 6; d++) {
      for (int i = 0; i < 3; i++) {
        server.put(bucket, "in/d" + d + "/" + i + ".jpg", jpeg(d * 3 + i));
      }
    }
    String[] args = {"-input", "s3://" + bucket + "/in/", "-output", "s3://" + bucket + "/out/"};
    long first;
    long rerun;
    try (FaultyProxy counting = new FaultyProxy(0, server.endpoint().getPort(), 0, 0)) {
      assertThat(runVia("http://127.0.0.1:" + counting.port(), args)).as(stderr.toString()).isZero();
      first = folderListings(counting, "out/");
      long before = counting.requestLines().size();
      assertThat(runVia("http://127.0.0.1:" + counting.port(), args)).as(stderr.toString()).isZero();
      rerun = folderListings(counting, "out/") - first;
      assertThat(counting.requestLines().size() - before).as("requests of the unchanged re-run").isLessThan(40);
    }
    assertThat(json("out/summary.json").get("skipped_files").asLong()).isEqualTo(18);
    // Nothing is on record in a first run, so no output folder needs looking at; a re-run checks the six
    // folders holding outputs, one listing each (the root has none on record).
    assertThat(first).isZero();
    assertThat(rerun).isEqualTo(6);
  }

  @Test
  void localToBucket_andBucketToLocal_mirrorTheSameTree() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in.resolve("x/y"));
    Files.write(in.resolve("a.jpg"), jpeg(1));
    Files.write(in.resolve("x/y/c.jpg"), jpeg(3));

    assertThat(run("-input", in.toString(), "-output", "s3://" + bucket + "/up")).as(stderr.toString()).isZero();
    assertThat(objects("up/").keySet()).contains("a.webp", "x/y/c.webp", "summary.json");

    server.put(bucket, "src/d/e.jpg", jpeg(5));
    Path out = tmp.resolve("down");
    assertThat(run("-input", "s3://" + bucket + "/src/", "-output", out.toString())).as(stderr.toString()).isZero();
    assertThat(Files.size(out.resolve("d/e.webp"))).isPositive();
    assertThat(out.resolve("summary.json")).exists();
    assertThat(run("-input", "s3://" + bucket + "/src/", "-output", out.toString())).isZero();
    assertThat(stdout.toString()).contains("0 of 1 images converted", "1 skipped");
  }

  @Test
  void outputInsideTheInputPrefix_isNotConvertedAgain() throws Exception {
    server.put(bucket, "photos/a.jpg", jpeg(1));

    assertThat(run("-input", "s3://" + bucket + "/photos/", "-output", "s3://" + bucket + "/photos/webp/"))
        .as(stderr.toString()).isZero();
    assertThat(run("-input", "s3://" + bucket + "/photos/", "-output", "s3://" + bucket + "/photos/webp/"))
        .isZero();

    assertThat(objects("photos/").keySet()).filteredOn(k -> k.endsWith(".webp")).containsExactly("webp/a.webp");
  }

  @Test
  void throttling_every503SlowDownIsRetried_andEveryImageConverts() throws Exception {
    for (int i = 0; i < 12; i++) {
      server.put(bucket, "in/" + i + ".jpg", jpeg(i));
    }
    try (FaultyProxy throttling = new FaultyProxy(0, server.endpoint().getPort(), 0, 3)) {
      stdout = new StringWriter();
      stderr = new StringWriter();
      int code = new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(
          "-input", "s3://" + bucket + "/in/", "-output", tmp.resolve("out").toString(), "-quiet",
          "-s3-endpoint", "http://127.0.0.1:" + throttling.port());

      assertThat(code).as(stderr.toString()).isZero();
      assertThat(throttling.slowDowns()).as("GETs answered 503 SlowDown").isGreaterThanOrEqualTo(4);
    }
    assertThat(stdout.toString()).contains("12 of 12 images converted");
  }

  @Test
  void dryRun_listsWhatWouldHappen_andWritesNothing() throws Exception {
    putSources("in/");

    int code = run("-input", "s3://" + bucket + "/in/", "-output", "s3://" + bucket + "/out/", "-dry-run");

    assertThat(code).isEqualTo(1);
    assertThat(stdout.toString()).contains("CONVERT a.jpg", "CONVERT ünï cødé/spa ce.jpg", "CONVERT x/y/c.jpg",
        "REJECT empty.jpg: UNSUPPORTED_FORMAT: empty file");
    assertThat(objects("out/")).isEmpty();
  }

  @Test
  void dryRun_overConvertedFolders_listsEachFolderOnce_insteadOfAskingForEveryOutput() throws Exception {
    List<String> plan = new ArrayList<>();
    for (String dir : List.of("a", "b")) {
      for (int i = 0; i < 20; i++) {
        server.put(bucket, "in/" + dir + "/" + i + ".jpg", jpeg(i));
        plan.add((dir.equals("b") && i == 7 ? "CONVERT " : "SKIP ") + dir + "/" + i + ".jpg");
      }
    }
    assertThat(run("-input", "s3://" + bucket + "/in/", "-output", "s3://" + bucket + "/out/"))
        .as(stderr.toString()).isZero();
    try (S3Client c = server.client()) {
      c.deleteObject(b -> b.bucket(bucket).key("out/b/7.webp")); // on record, but gone: converted again
    }

    long requests;
    try (FaultyProxy counting = new FaultyProxy(0, server.endpoint().getPort(), 0, 0)) {
      int code = runVia("http://127.0.0.1:" + counting.port(), "-input", "s3://" + bucket + "/in/",
          "-output", "s3://" + bucket + "/out/", "-dry-run");
      assertThat(code).as(stderr.toString()).isZero();
      requests = counting.requests();
    }

    List<String> lines = stdout.toString().lines().toList();
    assertThat(lines.subList(0, lines.size() - 1)).containsExactlyInAnyOrderElementsOf(plan);
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("Dry run: 1 would be converted, 39 skipped as up to date, 0 rejected; nothing was written.");
    // Checking both sides, restoring the record and listing each folder of both trees; no request per file.
    assertThat(requests).as("requests for 40 files in 2 folders").isLessThan(20);
  }

  @Test
  void wrongCredentials_failBeforeAnyWork_withOneLineAndExit77() throws Exception {
    server.put(bucket, "in/a.jpg", jpeg(1));
    System.setProperty("aws.secretAccessKey", "wrong");

    int code = run("-input", "s3://" + bucket + "/in/", "-output", "s3://" + bucket + "/out/");

    assertThat(code).isEqualTo(ExitCode.STORAGE_ACCESS.code());
    assertThat(stderr.toString().strip()).doesNotContain("\n").startsWith("optimizr: s3://" + bucket + "/in/: ")
        .contains("access denied", "nothing was done").doesNotContain("Exception");
    assertThat(objects("out/")).isEmpty();
  }

  @Test
  void noServer_failsBeforeAnyWork_withExit69() throws Exception {
    stdout = new StringWriter();
    stderr = new StringWriter();
    int code = new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(
        "-input", "s3://" + bucket + "/in/", "-output", tmp.resolve("out").toString(),
        "-s3-endpoint", "http://127.0.0.1:9", "-quiet");

    assertThat(code).isEqualTo(ExitCode.STORAGE_UNAVAILABLE.code());
    assertThat(stderr.toString().strip()).doesNotContain("\n").startsWith("optimizr: cannot reach object storage");
  }

  @Test
  void missingBucket_isAUsageError_beforeAnyWork() {
    assertThat(run("-input", "s3://no-such-bucket/in/", "-output", tmp.resolve("out").toString())).isEqualTo(2);
    assertThat(stderr.toString().strip())
        .isEqualTo("optimizr: s3://no-such-bucket/in/: no such bucket; nothing was done");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void badUrls_areUsageErrors() {
    assertThat(run("-input", "s3:///nobucket", "-output", tmp.toString())).isEqualTo(2);
    assertThat(stderr.toString()).contains("-input: no bucket");
    assertThat(run("-input", "s3://" + bucket + "/x/", "-output", "s3://" + bucket + "/x")).isEqualTo(2);
    assertThat(stderr.toString()).contains("-input and -output are the same");
  }

  static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
