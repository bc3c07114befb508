package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.analytics.TreeCount;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The total that progress, metrics and the audit's sample rate read while the counting walk runs: it never
 * drops below what the converting walk has already found, and ends at the tree's size.
 */
class TreeCounterTest {
  @Test
  void whileCounting_theTotalIsNeverBelowWhatTheConvertingWalkFound(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    int files = 3_000;
    for (int i = 0; i < files; i++) {
      Path d = Files.createDirectories(in.resolve("d" + i % 30));
      Files.write(d.resolve("img" + i + ".jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8});
    }
    Path out = dir.resolve("out");
    RunConfig config = new RunConfig(in, out, 1, 75, new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false),
        false);
    long convertingWalkFound = 2_000; // as if the converting walk had got that far when its queue filled
    List<TreeCount> seen = new ArrayList<>();
    try (MigrationRecord record = MigrationRecord.open(RecordPaths.of(out, n -> n, "failures.jsonl"),
        config.encodingKey())) {
      TreeCounter counter = TreeCounter.deferred(config, record, Trees.factory(config, null));
      counter.follow(() -> convertingWalkFound, () -> false);
      counter.begin();
      long deadline = System.nanoTime() + 60_000_000_000L;
      TreeCount c;
      do {
        c = counter.count();
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(c)) {
          seen.add(c);
        }
      } while (!c.complete() && System.nanoTime() < deadline);
      counter.close();
    }

    assertThat(seen).filteredOn(c -> !c.complete())
        .allSatisfy(c -> assertThat(c.found()).isGreaterThanOrEqualTo(convertingWalkFound));
    assertThat(seen.get(seen.size() - 1)).isEqualTo(new TreeCount(files, true));
  }
}
