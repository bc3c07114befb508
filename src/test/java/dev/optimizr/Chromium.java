package dev.optimizr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian package chromium) for tests of report.html: {@code --dump-dom}, {@code --screenshot},
 * and a page driven over the DevTools protocol (the JDK's WebSocket client) to see console errors and evaluate
 * expressions. Skipped when chromium is missing, unless OPTIMIZR_REQUIRE_TOOLS is set (CI), where it fails.
 */
public final class Chromium {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Chromium() {}

  public static boolean available() {
    try {
      Process p = new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Skips the calling test when chromium is missing (fails it under OPTIMIZR_REQUIRE_TOOLS). */
  public static void assumeAvailable() {
    boolean available = available();
    if (System.getenv("OPTIMIZR_REQUIRE_TOOLS") != null) {
      assertThat(available).as("chromium must be installed (apt-get install chromium)").isTrue();
    }
    assumeTrue(available, "chromium not installed: skipped (apt-get install chromium)");
  }

  /** The flags of every launch: no network, no sandbox (containers), a fresh profile in {@code profile}. */
  private static List<String> command(Path profile, String... more) {
    List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(List.of(more));
    return cmd;
  }

  /** The DOM of {@code page} after loading, serialised. */
  public static String dumpDom(Path page, Path tmp) throws Exception {
    Process p = new ProcessBuilder(command(Files.createTempDirectory(tmp, "chromium"), "--dump-dom",
        page.toUri().toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return dom;
  }

  /** A screenshot of {@code page} in a {@code width}×{@code height} window, as PNG in {@code png}. */
  public static Path screenshot(Path page, Path png, int width, int height, Path tmp) throws Exception {
    Process p = new ProcessBuilder(command(Files.createTempDirectory(tmp, "chromium"), "--hide-scrollbars",
        "--window-size=" + width + "," + height, "--screenshot=" + png, page.toUri().toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return png;
  }

  /** A page loaded over the DevTools protocol; remembers console errors and exceptions from the start. */
  public static final class Page implements AutoCloseable {
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    private Page(Process process, WebSocket.Builder builder, URI target) throws Exception {
      this.process = process;
      this.socket = builder.buildAsync(target, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Starts chromium on about:blank, then loads {@code page} with the console already watched. */
    public static Page open(Path page, Path tmp) throws Exception {
      Process p = new ProcessBuilder(command(Files.createTempDirectory(tmp, "chromium"),
          "--remote-debugging-port=0", "about:blank")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      Matcher m = null;
      for (String line; (line = err.readLine()) != null; ) {
        m = Pattern.compile("DevTools listening on ws://([^/]+)/").matcher(line);
        if (m.find()) {
          break;
        }
      }
      assertThat(m).as("chromium printed its DevTools address").isNotNull();
      String host = m.group(1);
      Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
      drain.setDaemon(true);
      drain.start();
      HttpClient http = HttpClient.newHttpClient();
      JsonNode targets = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://" + host + "/json/list")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      String ws = null;
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          ws = t.path("webSocketDebuggerUrl").asText();
        }
      }
      assertThat(ws).as("a page target").isNotNull();
      Page pg = new Page(p, http.newWebSocketBuilder(), URI.create(ws));
      pg.call("Runtime.enable", null);
      pg.call("Log.enable", null);
      pg.call("Page.enable", null);
      ObjectNode nav = JSON.createObjectNode().put("url", page.toUri().toString());
      pg.call("Page.navigate", nav);
      pg.loaded.get(60, TimeUnit.SECONDS);
      return pg;
    }

    /** Console errors, failed loads and uncaught exceptions so far. */
    public List<String> errors() {
      return List.copyOf(errors);
    }

    /** The value of a JavaScript expression evaluated in the page. */
    public JsonNode eval(String expression) throws Exception {
      ObjectNode p = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
          .put("awaitPromise", true);
      return call("Runtime.evaluate", p).path("result").path("value");
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
      if (params != null) {
        msg.set("params", params);
      }
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      pending.put(id, reply);
      socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
      return reply.get(60, TimeUnit.SECONDS);
    }

    private void onMessage(JsonNode msg) {
      if (msg.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
        if (f != null) {
          f.complete(msg.path("result"));
        }
        return;
      }
      String method = msg.path("method").asText();
      JsonNode p = msg.path("params");
      switch (method) {
        case "Runtime.consoleAPICalled" -> {
          if ("error".equals(p.path("type").asText())) {
            errors.add("console.error: " + p.path("args"));
          }
        }
        case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if ("error".equals(p.path("entry").path("level").asText())) {
            errors.add("log: " + p.path("entry").path("text").asText());
          }
        }
        case "Page.loadEventFired" -> loaded.complete(null);
        default -> { }
      }
    }

    @Override
    public void close() throws Exception {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    private final class Listener implements WebSocket.Listener {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          try {
            onMessage(JSON.readTree(text.toString()));
          } catch (Exception e) {
            errors.add("bad DevTools message: " + e);
          }
          text.setLength(0);
        }
        ws.request(1);
        return null;
      }
    }
  }
}
