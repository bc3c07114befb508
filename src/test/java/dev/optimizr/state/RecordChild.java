package dev.optimizr.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A child JVM for {@link RecordProcessTest}: {@code write OUT} records converted files f0, f1, … as fast as it
 * can until killed; {@code lookup OUT DIRS} reads every directory d0 … d(DIRS-1) and prints the entries found.
 */
public final class RecordChild {
  private RecordChild() {}

  public static void main(String[] args) throws Exception {
    RecordPaths paths = RecordPaths.of(Path.of(args[1]), n -> n, "failures.jsonl");
    try (MigrationRecord r = MigrationRecord.open(paths, "q80")) {
      if (args[0].equals("write")) {
        r.startRun(new RunStart(Instant.now(), "all", "test", "/in", Map.of(), "q80", false));
        System.out.println("started");
        System.out.flush();
        for (long i = 0; ; i++) {
          r.converted("d/f" + i + ".jpg", i, i, i);
        }
      }
      long found = 0;
      for (int d = 0; d < Integer.parseInt(args[2]); d++) {
        found += r.directory("d" + d, false).size();
      }
      System.out.println("found " + found);
    }
  }
}
