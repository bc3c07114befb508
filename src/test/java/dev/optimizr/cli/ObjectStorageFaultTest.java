package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import dev.optimizr.io.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A run on object storage that is killed, or whose store goes away, stops cleanly and the next run finishes the
 * rest: against S3Proxy (filesystem backend, so objects survive a stop), with a child process for the kill.
 */
class ObjectStorageFaultTest {
  private static final int IMAGES = 40;
  private static final String BUCKET = "photos";

  @TempDir
  Path tmp;
  private S3ProxyServer server;

  @BeforeEach
  void start() throws Exception {
    server = S3ProxyServer.start(Files.createDirectories(tmp.resolve("server")));
    server.bucket(BUCKET);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    // Large enough that a run takes several seconds: the tests stop it (kill, store gone) part-way through.
    ImageIO.write(TestImages.photoLike(1280, 960, 7), "jpeg", b);
    for (int i = 0; i < IMAGES; i++) {
      server.put(BUCKET, String.format("in/d%d/img%02d.jpg", i % 4, i), b.toByteArray());
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private List<String> webps() {
    List<String> keys = new ArrayList<>();
    try (S3Client c = server.client()) {
      for (S3Object o : c.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("out/")).contents()) {
        keys.add(o.key());
      }
    }
    return keys.stream().filter(k -> k.endsWith(".webp")).toList();
  }

  private JsonNode summary() throws Exception {
    try (S3Client c = server.client()) {
      return new ObjectMapper().readTree(c.getObjectAsBytes(r -> r.bucket(BUCKET).key("out/summary.json"))
          .asByteArray());
    }
  }

  /** Runs optimizr in a child JVM with the server's credentials and endpoint in its environment. */
  private Process child(Path log, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-input", "s3://" + BUCKET + "/in/", "-output", "s3://" + BUCKET + "/out/", "-workers", "1",
        "-s3-work-dir", tmp.resolve("work").toString(), "--s3-checkpoint", "200ms", "-quiet"));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(server.env());
    return pb.start();
  }

  private void awaitWebps(int n, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (webps().size() < n && (p == null || p.isAlive()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** Waits until the bucket's copy of the record (a real SQLite file) lists at least one converted file. */
  private void awaitRecordInBucket(Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Path copy = tmp.resolve("record-copy.db");
    while (p.isAlive() && System.nanoTime() < deadline) {
      try (S3Client c = server.client()) {
        Files.write(copy, c.getObjectAsBytes(r -> r.bucket(BUCKET).key("out/.optimizr/record.db")).asByteArray());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy);
            ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM files")) {
          if (rs.next() && rs.getLong(1) > 0) {
            return;
          }
        }
      } catch (NoSuchKeyException | SQLException e) {
        // not uploaded yet, or its first copy has no tables yet
      }
      Thread.sleep(50);
    }
  }

  @Test
  void killedMidRun_theNextRunConvertsTheRest_andEveryOutputIsWhole() throws Exception {
    Process first = child(tmp.resolve("first.log"));
    awaitRecordInBucket(first); // a checkpoint of the record with converted files on it, then kill at once
    first.destroyForcibly().waitFor();
    int done = webps().size();
    assertThat(done).as("killed before the end").isLessThan(IMAGES);

    // Another machine: the working directory is gone, the record comes from the bucket.
    ObjectStorageTest.deleteTree(tmp.resolve("work"));
    Process second = child(tmp.resolve("second.log"));
    assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();

    assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.log"))).isZero();
    assertThat(webps()).hasSize(IMAGES);
    JsonNode s = summary();
    assertThat(s.get("skipped_files").asLong()).as("resumed, not restarted").isPositive();
    assertThat(s.get("processed_files").asLong() + s.get("skipped_files").asLong()).isEqualTo(IMAGES);
    try (S3Client c = server.client()) {
      for (String key : webps()) {
        byte[] webp = c.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
        assertThat(new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(webp.length).isEqualTo(8 + (webp[4] & 0xFF | (webp[5] & 0xFF) << 8 | (webp[6] & 0xFF) << 16));
      }
    }
  }

  @Test
  void storeStopsMidRun_theRunStopsCleanlyWith69_andTheNextRunFinishes() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    try {
      String[] args = {"-input", "s3://" + BUCKET + "/in/", "-output", "s3://" + BUCKET + "/out/", "-workers", "1",
          "-s3-endpoint", server.endpoint().toString(), "-s3-work-dir", tmp.resolve("work").toString(), "-quiet"};
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
          () -> new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args));
      awaitWebps(IMAGES / 4, null);
      server.stop();

      int code = run.get(300, TimeUnit.SECONDS);

      assertThat(code).as(err.toString()).isEqualTo(ExitCode.STORAGE_UNAVAILABLE.code());
      assertThat(err.toString()).contains("object storage stopped answering")
          .doesNotContain("StorageUnavailableException", "SdkClientException", "SDK Attempt Count");
      assertThat(out.toString()).contains("Interrupted:");
      assertThat(tmp.resolve("work/summary.json")).exists(); // kept locally: the store was gone

      server.restart();
      int second = new Optimizr(new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);

      assertThat(second).as(err.toString()).isZero();
      assertThat(webps()).hasSize(IMAGES);
      JsonNode s = summary();
      assertThat(s.get("skipped_files").asLong()).as("what the first run finished is not redone").isPositive();
      assertThat(s.get("processed_files").asLong() + s.get("skipped_files").asLong()).isEqualTo(IMAGES);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
