package dev.optimizr.io.s3;

import dev.optimizr.io.InputTree;
import dev.optimizr.io.RemoteFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * One S3 client for a run and what is made from it: the input and output trees, and the copies of the record
 * and reports. Safe for any number of threads (the SDK client is).
 *
 * <p>Requests are retried twice over: by the SDK's standard policy (throttling, 5xx, connection errors, with
 * jittered backoff) and then, per file, by {@link #attempt}, so a burst of 503 SlowDown or a short outage costs
 * time, not files.
 */
public final class S3Storage implements AutoCloseable {
  /** Attempts per file on top of the SDK's own retries. */
  static final int FILE_ATTEMPTS = 3;

  private final S3Client client;
  private final S3Settings settings;

  private S3Storage(S3Client client, S3Settings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Builds the client: credentials from the SDK's default chain, the endpoint and region from the settings. */
  public static S3Storage connect(S3Settings settings) {
    // HttpURLConnection keeps at most http.maxConnections idle connections per host (5 by default): with more
    // requests in flight than that, each request past the fifth would open a new connection. In flight at most:
    // the downloads and the uploads, the walk's listings ahead (4), the count's listing and the record's copy.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", String.valueOf(settings.concurrency() * 2 + 8));
    }
    return new S3Storage(builder(settings, 5).build(), settings);
  }

  /**
   * Loads the classes a run on object storage uses, with no store: a listing, a download and an upload sent to
   * a closed port on this machine, refused at once and not retried. The launcher asks for it at the end of the
   * run that writes the class-data archive (property {@code optimizr.cds.training}), so that runs on a bucket
   * start from the archive too when it was written by a run on local files, as the Docker image's is; this
   * takes about 3 % off the CPU time of a bucket-to-bucket run (BENCHMARKS.md, "Object storage").
   */
  public static void loadClasses() {
    S3Settings settings = new S3Settings(URI.create("http://127.0.0.1:9"), true, "us-east-1", null, null,
        S3Settings.DEFAULT_CONCURRENCY, S3Settings.DEFAULT_BUFFER_BYTES);
    try (S3Client client = builder(settings, 1).credentialsProvider(StaticCredentialsProvider.create(
        AwsBasicCredentials.create("optimizr", "class-loading"))).build()) {
      List<Runnable> calls = List.of(
          () -> client.listObjectsV2(b -> b.bucket("b").prefix("p/")),
          () -> client.getObjectAsBytes(b -> b.bucket("b").key("k")),
          () -> client.putObject(b -> b.bucket("b").key("k").contentType("image/webp"),
              RequestBody.fromBytes(new byte[1])));
      for (Runnable call : calls) {
        try {
          call.run();
        } catch (SdkException expected) {
          S3Errors.retryable(expected); // and the classes that sort failures
        }
      }
    } catch (RuntimeException e) {
      // only a speed-up for later runs: never a reason for this one to fail
    }
  }

  private static S3ClientBuilder builder(S3Settings settings, int maxAttempts) {
    var builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60)))
        // Since 2.30 the SDK sends CRC32 checksums with every upload and validates them on download; many
        // S3-compatible stores (S3Proxy, older MinIO and Ceph, R2 in places) answer 501 NotImplemented or send
        // none back. Checksums only where the API requires them, as before 2.30.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .forcePathStyle(settings.pathStyle())
        .region(region(settings))
        .overrideConfiguration(o -> o
            // An endpoint that stops answering (rather than refusing) costs at most this per request.
            .apiCallAttemptTimeout(Duration.ofSeconds(60))
            .apiCallTimeout(Duration.ofMinutes(3))
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
                .build()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder;
  }

  private static Region region(S3Settings settings) {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return Region.US_EAST_1; // S3-compatible stores mostly ignore it; AWS redirects to the bucket's region
    }
  }

  S3Client client() {
    return client;
  }

  S3Settings settings() {
    return settings;
  }

  /**
   * Checks, before any work, that {@code location} can be listed with the credentials found: one ListObjectsV2
   * of at most one key. Throws with one line naming the location and the store's answer.
   */
  public void check(S3Location location) throws S3AccessException, IOException {
    try {
      attempt(location.toString(), () -> client.listObjectsV2(ListObjectsV2Request.builder()
          .bucket(location.bucket()).prefix(location.prefix()).maxKeys(1).build()));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new java.nio.file.NoSuchFileException(location.toString(), null, "no such bucket");
    } catch (IOException e) {
      if (e.getCause() instanceof SdkException s && S3Errors.isAccess(s)) {
        throw new S3AccessException(location + ": " + (S3Errors.isCredentials(s)
            ? "no credentials found (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity or "
                + "instance role)" : "access denied: " + S3Errors.reason(s)), s);
      }
      throw e;
    }
  }

  /** The tree of sources under {@code location}, leaving out {@code excluded} (an output inside it) if not null. */
  public S3InputTree inputTree(S3Location location, S3Location excluded) {
    return new S3InputTree(this, location, excluded);
  }

  /** The tree of outputs under {@code location}. */
  public S3OutputTree outputTree(S3Location location) {
    return new S3OutputTree(this, location);
  }

  /** The record's and reports' copies under {@code location}. */
  public RemoteFiles files(S3Location location) {
    return new RemoteFiles() {
      @Override
      public boolean download(String relative, Path to) throws IOException {
        Path dir = Files.createDirectories(to.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(dir, "." + to.getFileName(), ".download");
        Files.delete(temp); // ResponseTransformer.toFile refuses an existing file; the name was what we wanted
        try {
          attempt(location.key(relative), () -> client.getObject(b -> b.bucket(location.bucket())
              .key(location.key(relative)), ResponseTransformer.toFile(temp)));
          Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          return true;
        } catch (java.nio.file.NoSuchFileException e) {
          return false;
        } finally {
          Files.deleteIfExists(temp);
        }
      }

      @Override
      public List<String> list(String relativeDir) throws IOException {
        return new S3InputTree(S3Storage.this, location, null).list(location.key(relativeDir)).stream()
            .filter(e -> e.kind() == InputTree.Kind.FILE).map(InputTree.Entry::name).toList();
      }

      @Override
      public void upload(Path from, String relative, String contentType) throws IOException {
        byte[] content = Files.readAllBytes(from); // a snapshot: the file may grow while it is sent
        attempt(location.key(relative), () -> client.putObject(b -> b.bucket(location.bucket())
            .key(location.key(relative)).contentType(contentType), RequestBody.fromBytes(content)));
      }

      @Override
      public String describe() {
        return location.toString();
      }
    };
  }

  /** A request that may be attempted again. */
  @FunctionalInterface
  interface Call<T> {
    T run();
  }

  /**
   * Runs {@code call} up to {@link #FILE_ATTEMPTS} times while it fails in a retryable way (each attempt already
   * includes the SDK's retries), waiting 1 s, then 2 s; failures come out as IOExceptions (see {@link S3Errors}).
   */
  static <T> T attempt(String what, Call<T> call) throws IOException {
    for (int i = 1; ; i++) {
      try {
        return call.run();
      } catch (SdkException e) {
        if (i >= FILE_ATTEMPTS || !S3Errors.retryable(e)) {
          throw S3Errors.io(what, e);
        }
        try {
          Thread.sleep(1000L << (i - 1));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while retrying " + what);
        }
      }
    }
  }

  /** The endpoint in use, for messages. */
  public String endpoint() {
    URI e = settings.endpoint();
    return e == null ? "AWS S3" : e.toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
