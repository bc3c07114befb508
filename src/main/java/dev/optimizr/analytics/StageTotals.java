package dev.optimizr.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Where conversion time and memory went, summed over all images, per stage. Immutable.
 *
 * @param stages one entry per stage, in pipeline order
 */
public record StageTotals(List<Stage> stages) {
  /** One stage's totals: wall time on the worker thread and bytes allocated by that thread. */
  public record Stage(String name, long nanos, long allocatedBytes) {}

  public StageTotals {
    stages = List.copyOf(stages);
  }

  static StageTotals of(List<String> names, long[] nanos, long[] bytes) {
    List<Stage> list = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      list.add(new Stage(names.get(i), nanos[i], bytes[i]));
    }
    return new StageTotals(list);
  }

  /** Total nanoseconds across stages. */
  public long totalNanos() {
    return stages.stream().mapToLong(Stage::nanos).sum();
  }

  /** Nanoseconds in the named stages. */
  public long nanosOf(String... names) {
    List<String> wanted = List.of(names);
    return stages.stream().filter(s -> wanted.contains(s.name())).mapToLong(Stage::nanos).sum();
  }
}
