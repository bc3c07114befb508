package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three shard processes at once over one input and one output convert every file exactly once. */
class ShardRunTest {
  @TempDir Path tmp;

  @Test
  void threeConcurrentShards_convertTheCorpusExactlyOnce() throws Exception {
    Path in = tmp.resolve("in");
    List<String> sources = new ArrayList<>();
    try (Stream<String> rows = Files.lines(TestImages.edge("MANIFEST.tsv"))) {
      rows.skip(1).map(l -> l.split("\t")).filter(c -> c[4].equals("convert"))
          .filter(c -> c[0].startsWith("pngsuite/") || c[0].startsWith("wuffs/") || c[0].startsWith("synthetic/"))
          .forEach(c -> sources.add(c[0]));
    }
    for (String s : sources) {
      Files.createDirectories(in.resolve(s).getParent());
      Files.copy(TestImages.edge(s), in.resolve(s));
    }
    Path out = tmp.resolve("out");
    List<Process> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shards.add(ChildRun.start(tmp.resolve("shard" + i + ".log"), List.of("-Xmx256m"), "-input", in.toString(),
          "-output", out.toString(), "--shard", i + "/3", "-workers", "1", "-quiet", "-keep-extension"));
    }
    for (int i = 0; i < 3; i++) {
      assertThat(shards.get(i).waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(shards.get(i).exitValue()).as(Files.readString(tmp.resolve("shard" + i + ".log"))).isZero();
    }

    long processed = 0;
    for (int i = 0; i < 3; i++) {
      JsonNode s = new ObjectMapper().readTree(out.resolve("summary-" + i + "-of-3.json").toFile());
      assertThat(s.get("failed_files").asLong()).isZero();
      assertThat(s.get("processed_files").asLong()).isPositive();
      processed += s.get("processed_files").asLong();
      assertThat(out.resolve("failures-" + i + "-of-3.jsonl")).exists();
      assertThat(out.resolve(".optimizr/record-" + i + "-of-3.db")).exists();
    }
    assertThat(processed).isEqualTo(sources.size());
    assertThat(ChildRun.files(out, ".webp")).hasSize(sources.size());
    for (String s : sources) {
      assertThat(out.resolve(s + ".webp")).exists();
    }
    assertThat(out.resolve("summary.json")).doesNotExist();
  }
}
