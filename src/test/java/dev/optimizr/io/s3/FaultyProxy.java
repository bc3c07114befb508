package dev.optimizr.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of an HTTP server, for tests and the latency benchmark: it delays the start of every
 * request by {@code delayMillis} (a far-away store), and can answer every {@code slowDownEvery}-th GET with
 * {@code 503 SlowDown} and close the connection, as a throttling S3 does. Safe for any number of connections.
 *
 * <p>{@code java -cp … dev.optimizr.io.s3.FaultyProxy LISTEN_PORT UPSTREAM_PORT DELAY_MS} runs it alone.
 */
public final class FaultyProxy implements AutoCloseable {
  private static final String SLOW_DOWN_BODY =
      "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
  private static final byte[] SLOW_DOWN = ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\n"
      + "Connection: close\r\nContent-Length: " + SLOW_DOWN_BODY.length() + "\r\n\r\n" + SLOW_DOWN_BODY)
      .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final int upstreamPort;
  private final long delayMillis;
  private final int slowDownEvery;
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicLong slowDowns = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Queue<String> requestLines = new ConcurrentLinkedQueue<>();

  public FaultyProxy(int listenPort, int upstreamPort, long delayMillis, int slowDownEvery) throws IOException {
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    this.upstreamPort = upstreamPort;
    this.delayMillis = delayMillis;
    this.slowDownEvery = slowDownEvery;
    Thread accept = new Thread(this::accept, "faulty-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  public static void main(String[] args) throws Exception {
    try (FaultyProxy p = new FaultyProxy(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
        Long.parseLong(args[2]), 0)) {
      System.out.println("proxy on " + p.port() + " -> " + args[1] + ", +" + args[2] + " ms per request");
      Thread.currentThread().join();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** GETs answered with 503 SlowDown so far. */
  public long slowDowns() {
    return slowDowns.get();
  }

  /** Requests seen so far (including those answered with 503). */
  public long requests() {
    return requests.get();
  }

  /** The first line of every request so far ("GET /bucket?list-type=2&prefix=… HTTP/1.1"), in order of arrival. */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** The most requests that were waiting for their answers at the same time. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        Connection c = new Connection(client, upstream);
        start(c::clientToServer);
        start(c::serverToClient);
      } catch (IOException e) {
        // closed, or the upstream refused: the client sees its connection dropped
      }
    }
  }

  private static void start(Runnable r) {
    Thread t = new Thread(r, "faulty-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  /** One client connection and its upstream twin. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    /** True once the server has answered: the client's next bytes start a new request. */
    private volatile boolean answered = true;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void clientToServer() {
      byte[] buf = new byte[64 * 1024];
      try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (answered) {
            asked();
            requests.incrementAndGet();
            requestLines.add(firstLine(buf, n));
            if (slowDownEvery > 0 && startsWith(buf, n, "GET ") && gets.incrementAndGet() % slowDownEvery == 0) {
              slowDowns.incrementAndGet();
              client.getOutputStream().write(SLOW_DOWN);
              client.getOutputStream().flush();
              break;
            }
            if (delayMillis > 0) {
              Thread.sleep(delayMillis);
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // either side closed
      } finally {
        closeBoth();
      }
    }

    void serverToClient() {
      byte[] buf = new byte[64 * 1024];
      try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          answer();
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        closeBoth();
      }
    }

    /** A request starts: one more waiting for its answer. */
    private synchronized void asked() {
      answered = false;
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** The server answers (or the connection ends): the request no longer waits. */
    private synchronized void answer() {
      if (!answered) {
        answered = true;
        inFlight.decrementAndGet();
      }
    }

    private void closeBoth() {
      answer();
      try {
        client.close();
      } catch (IOException ignored) {
        // already closed
      }
      try {
        upstream.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  private static String firstLine(byte[] buf, int n) {
    int end = 0;
    while (end < n && buf[end] != '\r' && buf[end] != '\n') {
      end++;
    }
    return new String(buf, 0, end, StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] buf, int n, String prefix) {
    if (n < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (buf[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
