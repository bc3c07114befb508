package dev.optimizr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.optimizr.cli.Optimizr;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** docker-compose.yml as {@code docker compose} would resolve it: limits, mounts, profiles, monitoring. */
class ComposeFileTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> CONVERTERS = List.of("optimizr", "optimizr-high-quality", "optimizr-monitored");

  private final JsonNode services = read(Paths.get("docker-compose.yml")).get("services");

  private static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A service with {@code extends} applied: own keys win, volumes merge by container path (compose rules). */
  private ObjectNode service(String name) {
    ObjectNode own = (ObjectNode) services.get(name);
    assertThat(own).as("service %s", name).isNotNull();
    if (!own.has("extends")) {
      return own.deepCopy();
    }
    ObjectNode merged = service(own.get("extends").get("service").asText());
    Map<String, String> volumes = new LinkedHashMap<>();
    for (JsonNode v : merged.path("volumes")) {
      volumes.put(Mount.of(v.asText()).target(), v.asText());
    }
    for (JsonNode v : own.path("volumes")) {
      volumes.put(Mount.of(v.asText()).target(), v.asText());
    }
    own.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    merged.remove("extends");
    ArrayNode vs = merged.putArray("volumes");
    volumes.values().forEach(vs::add);
    return merged;
  }

  /** One short-syntax volume, {@code ${VAR:-default}} replaced by its default. */
  record Mount(String source, String target, boolean readOnly) {
    static Mount of(String spec) {
      String resolved = spec.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
      String[] parts = resolved.split(":");
      return new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro"));
    }
  }

  private List<Mount> mounts(String service) {
    List<Mount> mounts = new ArrayList<>();
    service(service).path("volumes").forEach(v -> mounts.add(Mount.of(v.asText())));
    return mounts;
  }

  private List<String> command(String service) {
    List<String> args = new ArrayList<>();
    service(service).get("command").forEach(a -> args.add(a.asText()));
    return args;
  }

  @Test
  void defaultService_hasNoProfile_andTheOriginalLimits() {
    ObjectNode optimizr = service("optimizr");
    assertThat(optimizr.has("profiles")).isFalse();
    assertThat(optimizr.get("cpus").asDouble()).isEqualTo(1.0);
    assertThat(optimizr.get("mem_limit").asText()).isEqualTo("8g");
    assertThat(optimizr.get("build").asText()).isEqualTo(".");
    assertThat(command("optimizr")).containsSequence("-quality", "80").containsSequence("-workers", "3");
  }

  @Test
  void everyConverter_inheritsLimits_readOnlyInput_andDrainTime() {
    for (String name : CONVERTERS) {
      ObjectNode s = service(name);
      assertThat(s.get("cpus").asDouble()).as(name).isEqualTo(1.0);
      assertThat(s.get("mem_limit").asText()).as(name).isEqualTo("8g");
      assertThat(mounts(name)).as(name).contains(new Mount("./images", "/data/input", true))
          .anySatisfy(m -> assertThat(m).isEqualTo(new Mount(m.source(), "/data/output", false)));
      // SIGTERM drains the images in progress; docker's default 10 s would cut a large one short
      assertThat(s.get("stop_grace_period").asText()).as(name).matches("[1-9][0-9]*m");
    }
  }

  @Test
  void readOnlyRoot_hasAnExecTmpfs_whereTheEntrypointPutsLibwebp() throws Exception {
    ObjectNode s = service("optimizr");
    assertThat(s.get("read_only").asBoolean()).isTrue();
    List<String> tmpfs = new ArrayList<>();
    s.get("tmpfs").forEach(t -> tmpfs.add(t.asText()));
    assertThat(tmpfs).anySatisfy(t -> assertThat(t).startsWith("/tmp:").contains("exec").doesNotContain("noexec"));
    assertThat(Files.readString(Paths.get("src/main/sh/docker-entrypoint.sh")))
        .contains("OPTIMIZR_NATIVE_DIR:-/tmp/");
  }

  @Test
  void highQualityProfile_quality95_intoItsOwnOutputTree() {
    assertThat(service("optimizr-high-quality").get("profiles").toString()).isEqualTo("[\"high-quality\"]");
    assertThat(command("optimizr-high-quality")).containsSequence("-quality", "95");
    Mount hq = mounts("optimizr-high-quality").stream().filter(m -> m.target().equals("/data/output")).findFirst()
        .orElseThrow();
    Mount normal = mounts("optimizr").stream().filter(m -> m.target().equals("/data/output")).findFirst()
        .orElseThrow();
    assertThat(hq.source()).isNotEqualTo(normal.source());
  }

  @Test
  void everyConverterCommand_isAValidOptimizrCommandLine() {
    for (String name : CONVERTERS) {
      // every flag as written: one optimizr does not know makes `docker compose up` exit 2
      ParseResult parsed = newCommand().parseArgs(command(name).toArray(String[]::new));
      assertThat(parsed.errors()).as(name).isEmpty();
      assertThat(parsed.unmatched()).as(name).isEmpty();
    }
  }

  @Test
  void monitoringProfile_wiresConverter_prometheus_andPushgateway() {
    for (String name : List.of("optimizr-monitored", "prometheus", "pushgateway")) {
      assertThat(service(name).get("profiles").toString()).as(name).isEqualTo("[\"monitoring\"]");
    }
    List<String> cmd = command("optimizr-monitored");
    assertThat(cmd).containsSequence("--metrics-port", "9400").containsSequence("--metrics-bind", "0.0.0.0")
        .containsSequence("--pushgateway", "http://pushgateway:9091");
    assertThat(service("optimizr-monitored").get("depends_on").toString()).contains("pushgateway", "prometheus");
    assertThat(service("pushgateway").get("ports").toString()).contains(":9091");

    // Prometheus reads our config, and that config scrapes the converter's metrics port and the Pushgateway
    Mount config = mounts("prometheus").get(0);
    assertThat(config.target()).isEqualTo("/etc/prometheus/prometheus.yml");
    assertThat(config.readOnly()).isTrue();
    JsonNode prometheus = read(Paths.get(config.source()));
    Map<String, JsonNode> jobs = new LinkedHashMap<>();
    prometheus.get("scrape_configs").forEach(j -> jobs.put(j.get("job_name").asText(), j));
    assertThat(jobs.get("optimizr").toString()).contains("\"optimizr-monitored:9400\"");
    assertThat(jobs.get("pushgateway").toString()).contains("\"pushgateway:9091\"");
    // keeps the pushed job="optimizr" label
    assertThat(jobs.get("pushgateway").get("honor_labels").asBoolean()).isTrue();
  }

  @Test
  void imagesOfOtherServices_arePinned() {
    for (String name : List.of("prometheus", "pushgateway")) {
      Matcher m = Pattern.compile(".+:v[0-9]+\\.[0-9]+\\.[0-9]+").matcher(service(name).get("image").asText());
      assertThat(m.matches()).as(name).isTrue();
    }
  }

  private static CommandLine newCommand() {
    return new CommandLine(new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false));
  }
}
