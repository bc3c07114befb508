package dev.optimizr.io.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for tests: S3Proxy on a free loopback port over a filesystem backend in {@code dir} (so
 * objects survive a stop and start), with signature v4 authentication. Not thread-safe.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "optimizr-test";
  public static final String SECRET_KEY = "optimizr-test-secret";

  private final Path dir;
  private S3Proxy proxy;
  private BlobStoreContext context;
  private int port;

  private S3ProxyServer(Path dir) {
    this.dir = dir;
  }

  /** Starts a server storing its buckets under {@code dir}. */
  public static S3ProxyServer start(Path dir) throws Exception {
    S3ProxyServer s = new S3ProxyServer(dir);
    s.startOn(0);
    return s;
  }

  /**
   * {@code java -cp … dev.optimizr.io.s3.S3ProxyServer DIR PORT}: serves DIR (each subdirectory a bucket, each
   * file an object) until killed, for the benchmark.
   */
  public static void main(String[] args) throws Exception {
    S3ProxyServer s = new S3ProxyServer(Path.of(args[0]));
    s.startOn(Integer.parseInt(args[1]));
    System.out.println("s3proxy on " + s.endpoint() + " serving " + args[0]);
    Thread.currentThread().join();
  }

  private void startOn(int wanted) throws Exception {
    Properties p = new Properties();
    p.setProperty("jclouds.filesystem.basedir", dir.toString());
    context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential").overrides(p)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + wanted))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
    port = proxy.getPort();
  }

  /** Stops the server: requests are refused until {@link #restart()}. */
  public void stop() throws Exception {
    proxy.stop();
    context.close();
  }

  /** Starts again on the same port with the same objects. */
  public void restart() throws Exception {
    startOn(port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client for setting up and checking buckets (not the code under test's). */
  public S3Client client() {
    return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Creates {@code bucket}. */
  public void bucket(String bucket) {
    try (S3Client c = client()) {
      c.createBucket(b -> b.bucket(bucket));
    }
  }

  /** Uploads {@code content} as {@code bucket/key}. */
  public void put(String bucket, String key, byte[] content) {
    try (S3Client c = client()) {
      c.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }
  }

  /** The environment that makes optimizr (a child process or the SDK's chain) talk to this server. */
  public java.util.Map<String, String> env() {
    return java.util.Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
        "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", endpoint().toString());
  }

  @Override
  public void close() throws Exception {
    if (proxy != null && !AbstractLifeCycle.STOPPED.equals(proxy.getState())) {
      stop();
    }
  }
}
