package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.WebServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nginx and Apache snippets of docs/web-servers.md, as written there, in front of a tree converted with
 * -alongside: a browser that accepts WebP gets the .webp file's bytes, one that does not gets the original, and
 * optimizr's record directory is not served.
 */
class WebServerSnippetsTest {
  private static final Path DOC = Paths.get("docs/web-servers.md");
  private static final String PHOTO = "photos/plasma-640x480.jpg";
  private static final String GRAPHIC = "graphics/palette-trns.png";

  @TempDir Path tmp;
  private Path site;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void convertedSite() throws Exception {
    // World-readable, in case a server run by root drops its privileges before reading files.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    site = tmp.resolve("site");
    for (String f : List.of(PHOTO, GRAPHIC)) {
      Files.createDirectories(site.resolve(f).getParent());
      Files.copy(Paths.get("samples").resolve(f), site.resolve(f));
    }
    StringWriter err = new StringWriter();
    int code = new Optimizr(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), false)
        .run("-alongside", "-input", site.toString(), "-quiet");
    assertThat(code).as("%s", err).isZero();
    assertThat(site.resolve(PHOTO + ".webp")).isRegularFile();
    assertThat(site.resolve(".optimizr/summary.json")).isRegularFile();
  }

  /** The fenced blocks of docs/web-servers.md whose info string is {@code language}, in order. */
  private static List<String> blocks(String language) throws Exception {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void nginxSnippet_passesNginxT_andServesTheWebpOnlyToClientsThatAcceptIt() throws Exception {
    Path nginx = WebServer.require("nginx", "nginx");
    List<String> snippet = blocks("nginx");
    assertThat(snippet).as("docs/web-servers.md: the http and the server block").hasSize(2);
    int port = WebServer.freePort();
    Path dir = Files.createDirectories(tmp.resolve("nginx"));
    Path conf = dir.resolve("nginx.conf");
    // master_process off: one process, which neither forks workers nor changes user, and is stopped by its pid.
    Files.writeString(conf, String.join("\n",
        "daemon off;", "master_process off;", "pid " + dir.resolve("nginx.pid") + ";", "error_log stderr;",
        "events {}",
        "http {",
        "  include /etc/nginx/mime.types;",
        "  access_log off;",
        "  client_body_temp_path " + dir.resolve("body") + ";",
        "  proxy_temp_path " + dir.resolve("proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("scgi") + ";",
        snippet.get(0),
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + site + ";",
        snippet.get(1),
        "  }",
        "}", ""));
    List<String> command = List.of(nginx.toString(), "-p", dir + "/", "-c", conf.toString());

    Path log = dir.resolve("nginx.log");
    List<String> test = new ArrayList<>(command);
    test.add("-t");
    assertThat(WebServer.run(test, log)).as("nginx -t: %s", Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("syntax is ok");

    try (WebServer server = WebServer.start(command, port, dir.resolve("server.log"))) {
      assertNegotiates(port);
    }
  }

  @Test
  void apacheSnippet_passesApacheT_andServesTheWebpOnlyToClientsThatAcceptIt() throws Exception {
    Path apache = WebServer.require("apache2", "apache2-bin");
    Path modules = Paths.get("/usr/lib/apache2/modules");
    List<String> snippet = blocks("apache");
    assertThat(snippet).as("docs/web-servers.md: the Apache block").hasSize(1);
    int port = WebServer.freePort();
    Path dir = Files.createDirectories(tmp.resolve("apache"));
    Path conf = dir.resolve("httpd.conf");
    List<String> lines = new ArrayList<>(List.of("ServerRoot " + dir, "DefaultRuntimeDir " + dir,
        "PidFile " + dir.resolve("httpd.pid"), "ErrorLog " + dir.resolve("error.log"), "ServerName localhost"));
    for (String module : List.of("mpm_event", "authz_core", "mime", "rewrite", "headers", "alias")) {
      lines.add("LoadModule " + module + "_module " + modules.resolve("mod_" + module + ".so"));
    }
    lines.addAll(List.of("TypesConfig /etc/mime.types", "Listen 127.0.0.1:" + port, "DocumentRoot " + site,
        "<Directory " + site + ">", "  Require all granted", "  AllowOverride None", snippet.get(0), "</Directory>",
        ""));
    Files.writeString(conf, String.join("\n", lines));
    List<String> command = List.of(apache.toString(), "-f", conf.toString());

    Path log = dir.resolve("apache.log");
    List<String> test = new ArrayList<>(command);
    test.add("-t");
    assertThat(WebServer.run(test, log)).as("apache2 -t: %s", Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("Syntax OK");

    List<String> foreground = new ArrayList<>(command);
    foreground.add("-X"); // one process in the foreground, stopped by its pid
    try (WebServer server = WebServer.start(foreground, port, dir.resolve("server.log"))) {
      assertNegotiates(port);
    }
  }

  /** What a browser with and without WebP support gets for the photo and the PNG, and that the record is hidden. */
  private void assertNegotiates(int port) throws Exception {
    for (String image : List.of(PHOTO, GRAPHIC)) {
      HttpResponse<byte[]> webp = get(port, "/" + image, "image/avif,image/webp,*/*");
      assertThat(webp.statusCode()).isEqualTo(200);
      assertThat(sha256(webp.body())).as("%s for a WebP browser", image)
          .isEqualTo(sha256(Files.readAllBytes(site.resolve(image + ".webp"))));
      assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
      assertThat(webp.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept"));

      HttpResponse<byte[]> original = get(port, "/" + image, "image/png,image/*;q=0.8,*/*;q=0.5");
      assertThat(original.statusCode()).isEqualTo(200);
      assertThat(sha256(original.body())).as("%s for an older browser", image)
          .isEqualTo(sha256(Files.readAllBytes(site.resolve(image))));
      assertThat(original.headers().firstValue("Content-Type")).get().asString().doesNotContain("webp");
      assertThat(original.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept"));
    }
    assertThat(get(port, "/.optimizr/summary.json", "*/*").statusCode()).isEqualTo(404);
    assertThat(get(port, "/.optimizr/record.db", "*/*").statusCode()).isEqualTo(404);
  }

  /** A digest, so that a mismatch reads as two short strings rather than two byte arrays. */
  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " (" + bytes.length
        + " bytes)";
  }

  private HttpResponse<byte[]> get(int port, String path, String accept) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept", accept).timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
