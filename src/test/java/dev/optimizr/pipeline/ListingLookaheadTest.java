package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.InputTree;
import dev.optimizr.io.LocalOutputTree;
import dev.optimizr.io.s3.FaultyProxy;
import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3ProxyServer;
import dev.optimizr.io.s3.S3Settings;
import dev.optimizr.io.s3.S3Storage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walking and counting a bucket, against a real S3 API server (S3Proxy) behind a proxy that adds latency and
 * counts requests. Listed ahead, the walk finds the same files in the same order, lists each directory once, and
 * its listings overlap instead of waiting for the store one directory at a time; counted flat, the tree costs one
 * request per 1,000 keys and gives the walk's number.
 */
class ListingLookaheadTest {
  @TempDir
  static Path serverDir;
  static S3ProxyServer server;
  static final String BUCKET = "walk";

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDir);
    server.bucket(BUCKET);
    // The SDK's default chain reads these first: the code under test builds its own client.
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    byte[] body = {1, 2, 3};
    server.put(BUCKET, "in/top.jpg", body);
    for (int y = 0; y < 3; y++) {
      server.put(BUCKET, "in/y" + y + "/cover.png", body);
      for (int m = 0; m < 4; m++) {
        for (int d = 0; d < 4; d++) {
          server.put(BUCKET, "in/y" + y + "/m" + m + "/d" + d + "/photo.jpg", body);
        }
      }
    }
    for (int i = 0; i < 9; i++) { // more entries than the test's look-ahead keeps: listed by the walk itself
      server.put(BUCKET, "in/y1/m2/big/" + i + ".jpg", body);
    }
    server.put(BUCKET, "in/y1/m2/big/inner/last.jpg", body);
    server.put(BUCKET, "in/y1-b/odd.jpg", body); // '-' sorts before '/': the walk takes y1's subtree first
  }

  @AfterAll
  static void stopServer() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    server.close();
  }

  /** The input tree of in/, reached through {@code far}. */
  private static InputTree<String> input(FaultyProxy far) {
    S3Storage storage = S3Storage.connect(new S3Settings(URI.create("http://127.0.0.1:" + far.port()), true,
        "us-east-1", null, null, S3Settings.DEFAULT_CONCURRENCY, S3Settings.DEFAULT_BUFFER_BYTES));
    return storage.inputTree(S3Location.parse("s3://" + BUCKET + "/in/"), null);
  }

  /** What a walk of {@code tree} for {@code shard} reports, in order. */
  private static List<String> walk(InputTree<String> tree, Path out, Shard shard) throws InterruptedException {
    List<String> files = new ArrayList<>();
    new TreeWalker(tree, new LocalOutputTree(out, new AtomicFileWriter()), false, shard).walk(new TreeWalker.Sink() {
      @Override
      public boolean found(Job job) {
        files.add(job.relative());
        return true;
      }

      @Override
      public boolean rejected(Job job, ErrorType type, String message) {
        files.add("rejected " + job.relative());
        return true;
      }

      @Override
      public void unreadable(String where, String reason) {
        files.add("unreadable " + where + ": " + reason);
      }
    });
    return files;
  }

  /** What a walk of the tree found, in order, and how the store saw it. */
  private record Walk(List<String> files, long requests, int maxInFlight) {}

  private static Walk walk(Function<InputTree<String>, InputTree<String>> wrap, Path out) throws Exception {
    try (FaultyProxy far = new FaultyProxy(0, server.endpoint().getPort(), 20, 0)) {
      List<String> files = walk(wrap.apply(input(far)), out, Shard.ALL);
      return new Walk(files, far.requests(), far.maxInFlight());
    }
  }

  @Test
  void countingABucketFlat_findsWhatTheWalkFinds_inOneRequest(@TempDir Path out) throws Exception {
    Shard shard = new Shard(1, 3);
    try (FaultyProxy far = new FaultyProxy(0, server.endpoint().getPort(), 0, 0)) {
      InputTree<String> tree = input(far);
      List<String> walked = walk(tree, out, shard);
      long walkRequests = far.requests();

      AtomicLong counted = new AtomicLong();
      assertThat(new TreeWalker(ListingLookahead.of(tree), new LocalOutputTree(out, new AtomicFileWriter()), false,
          shard).countFlat(counted, () -> true)).isTrue();
      assertThat(walked).noneMatch(f -> f.startsWith("unreadable"));
      assertThat(counted.get()).isEqualTo(walked.size()).isBetween(10L, 50L); // a third of the 63 images
      assertThat(far.requests() - walkRequests).isEqualTo(1);
      assertThat(walkRequests).isEqualTo(67);
    }
  }

  @Test
  void aWalkAhead_findsTheSameFilesInTheSameOrder_listingEachDirectoryOnce_severalAtATime(@TempDir Path out)
      throws Exception {
    Walk plain = walk(t -> t, out);
    Walk ahead = walk(t -> new ListingLookahead(t, 8, 5), out);

    assertThat(plain.files()).hasSize(1 + 3 + 48 + 10 + 1)
        .startsWith("top.jpg", "y0/cover.png", "y0/m0/d0/photo.jpg")
        .endsWith("y1/m2/big/inner/last.jpg", "y1/m2/d0/photo.jpg", "y1/m2/d1/photo.jpg", "y1/m2/d2/photo.jpg",
            "y1/m2/d3/photo.jpg", "y1/m3/d0/photo.jpg", "y1/m3/d1/photo.jpg", "y1/m3/d2/photo.jpg",
            "y1/m3/d3/photo.jpg", "y1-b/odd.jpg", "y2/cover.png", "y2/m0/d0/photo.jpg", "y2/m0/d1/photo.jpg",
            "y2/m0/d2/photo.jpg", "y2/m0/d3/photo.jpg", "y2/m1/d0/photo.jpg", "y2/m1/d1/photo.jpg",
            "y2/m1/d2/photo.jpg", "y2/m1/d3/photo.jpg", "y2/m2/d0/photo.jpg", "y2/m2/d1/photo.jpg",
            "y2/m2/d2/photo.jpg", "y2/m2/d3/photo.jpg", "y2/m3/d0/photo.jpg", "y2/m3/d1/photo.jpg",
            "y2/m3/d2/photo.jpg", "y2/m3/d3/photo.jpg");
    assertThat(ahead.files()).isEqualTo(plain.files());
    // 67 directories, each listed once; the one too large to keep is started ahead and listed again by the walk.
    assertThat(plain.requests()).isEqualTo(67);
    assertThat(ahead.requests()).isBetween(67L, 68L);
    assertThat(plain.maxInFlight()).isEqualTo(1);
    assertThat(ahead.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(ListingLookahead.THREADS + 1);
  }
}
