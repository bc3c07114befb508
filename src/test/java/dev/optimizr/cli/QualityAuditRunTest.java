package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality audit over real runs of samples/: it sees a bad encode, and its numbers reach summary.json. */
class QualityAuditRunTest {
  @TempDir Path tmp;

  private JsonNode run(String name, String... flags) throws Exception {
    Path out = tmp.resolve(name);
    String[] args = new String[flags.length + 5];
    args[0] = "-input";
    args[1] = Paths.get("samples").toString();
    args[2] = "-output";
    args[3] = out.toString();
    args[4] = "-quiet";
    System.arraycopy(flags, 0, args, 5, flags.length);
    assertThat(new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)
        .run(args)).isZero();
    return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  @Test
  void quality5_scoresLowerThanQuality90_onTheSameFiles() throws Exception {
    JsonNode bad = run("q5", "-quality", "5", "-png", "lossy", "-audit", "all");
    JsonNode good = run("q90", "-quality", "90", "-png", "lossy", "-audit", "all");
    assertThat(bad.get("audit_count").asLong()).isEqualTo(6).isEqualTo(good.get("audit_count").asLong());
    assertThat(bad.get("audit_ssim_median").asDouble()).isLessThan(good.get("audit_ssim_median").asDouble());
    assertThat(bad.get("audit_ssim_min").asDouble()).isLessThan(good.get("audit_ssim_min").asDouble());
    assertThat(good.get("audit_ssim_min").asDouble()).isBetween(0.8, 1.0);
  }

  @Test
  void auditOff_leavesTheFieldsEmpty_andTheLastFieldsOfSummaryJsonAreTheAudit() throws Exception {
    JsonNode s = run("off", "-audit", "off");
    assertThat(s.get("audit_count").asLong()).isZero();
    assertThat(s.get("audit_ssim_median").isNull()).isTrue();
    java.util.List<String> names = new java.util.ArrayList<>();
    s.fieldNames().forEachRemaining(names::add);
    assertThat(names.subList(names.size() - 6, names.size())).containsExactly("memory_snapshots", "audit_count",
        "audit_ssim_p5", "audit_ssim_median", "audit_ssim_min", "audit_seconds");
  }

  @Test
  void report_isWrittenAfterARunThatConverted_andNotAfterOneThatDidNot() throws Exception {
    run("twice");
    Path report = tmp.resolve("twice/report.html");
    assertThat(report).exists();
    java.nio.file.Files.delete(report);
    run("twice"); // everything up to date: nothing converted
    assertThat(report).doesNotExist();
  }
}
