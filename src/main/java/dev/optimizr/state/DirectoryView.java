package dev.optimizr.state;

import dev.optimizr.io.ImageSink;
import java.util.Map;
import java.util.Set;

/**
 * The record's entries for one input directory, read with one query when the walker enters it: memory is
 * bounded by the largest directory, never by the tree. Immutable; used by the walker thread.
 */
public final class DirectoryView {
  /** A directory with nothing on record. */
  public static final DirectoryView EMPTY = new DirectoryView(Map.of(), Set.of());

  /** What one output was made from, under the current settings. */
  record Entry(long sourceSize, long sourceMtimeMillis, long outputSize) {}

  private final Map<String, Entry> entries;
  private final Set<String> failed;

  DirectoryView(Map<String, Entry> entries, Set<String> failed) {
    this.entries = entries;
    this.failed = failed;
  }

  /**
   * True when {@code target} exists with the size recorded for this exact source (file name, size, mtime)
   * under the current settings, or, for a source deliberately left without output
   * ({@link MigrationRecord#NO_OUTPUT}), when {@code target} still does not exist.
   */
  public boolean upToDate(String name, long sourceSize, long sourceMtimeMillis, ImageSink target) {
    Entry e = entries.get(name);
    if (e == null || e.sourceSize() != sourceSize || e.sourceMtimeMillis() != sourceMtimeMillis) {
      return false;
    }
    long size = target.existingSize();
    return e.outputSize() == MigrationRecord.NO_OUTPUT ? size < 0 : size == e.outputSize();
  }

  /** True when the source named {@code name} failed in an earlier run and has not converted since. */
  public boolean failed(String name) {
    return failed.contains(name);
  }

  /** Entries on record in this directory under the current settings. */
  public int size() {
    return entries.size();
  }
}
