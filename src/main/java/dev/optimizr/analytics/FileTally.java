package dev.optimizr.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Per-file outcomes folded into bounded aggregates for the HTML report: a histogram of savings, totals by
 * top-level folder and by kind, the files that grew (largest growth first, capped) and failures by type (paths
 * capped). Memory is bounded however many files are added. Safe for any number of threads; each call takes a
 * short lock (a few hundred nanoseconds per converted file).
 */
public final class FileTally {
  /** Savings histogram: bins of 5 percentage points from -100 % (grew to double or more) to +100 %. */
  public static final int BIN_PERCENT = 5;
  public static final int BINS = 200 / BIN_PERCENT;
  /** Folders beyond this many are added up as one row. */
  public static final int MAX_FOLDERS = 200;
  public static final String OTHER_FOLDERS = "(other folders)";
  public static final String ROOT_FOLDER = "(top level)";
  /** Grown files and failure paths listed per type; the counts are always complete. */
  public static final int MAX_LISTED = 25;

  private final long[] savingBins = new long[BINS];
  private final Map<String, long[]> folders = new HashMap<>();
  private final Map<String, long[]> kinds = new TreeMap<>();
  private final PriorityQueue<Grown> grown = new PriorityQueue<>(Comparator.comparingLong(Grown::growthBytes));
  private long grownFiles;
  private long grownWithheld;
  private final Map<String, FailureGroup.Builder> failures = new TreeMap<>();

  /**
   * One converted file.
   *
   * @param relative input-relative path, '/'-separated
   * @param kind what it was converted as (e.g. "photo JPEG", "PNG lossless")
   * @param outputBytes the WebP's size, also when it was withheld; negative when it was withheld and its size
   *     is not known (the migration record keeps only that it was larger)
   * @param written false when {@code -if-larger skip} kept the source instead
   */
  public synchronized void converted(String relative, String kind, long inputBytes, long outputBytes,
      boolean written) {
    if (outputBytes < 0) {
      savingBins[bin(0)]++;
      add(folderRow(topFolder(relative)), inputBytes, inputBytes);
      add(kinds.computeIfAbsent(kind, k -> new long[3]), inputBytes, inputBytes);
      grownFiles++;
      grownWithheld++;
      return;
    }
    long counted = written ? outputBytes : inputBytes;
    double saving = inputBytes == 0 ? 0 : 100.0 * (inputBytes - outputBytes) / inputBytes;
    savingBins[bin(saving)]++;
    add(folderRow(topFolder(relative)), inputBytes, counted);
    add(kinds.computeIfAbsent(kind, k -> new long[3]), inputBytes, counted);
    if (outputBytes > inputBytes) {
      grownFiles++;
      grownWithheld += written ? 0 : 1;
      grown.add(new Grown(relative, inputBytes, outputBytes, written));
      if (grown.size() > MAX_LISTED) {
        grown.poll();
      }
    }
  }

  /** One failed file. */
  public synchronized void failed(String relative, String errorType, String message) {
    failures.computeIfAbsent(errorType, FailureGroup.Builder::new).add(relative, message);
  }

  /** An immutable copy of everything so far. */
  public synchronized Snapshot snapshot() {
    List<Group> folderList = new ArrayList<>();
    folders.forEach((k, v) -> folderList.add(new Group(k, v[0], v[1], v[2])));
    folderList.sort(Comparator.comparingLong(Group::savedBytes).reversed().thenComparing(Group::name));
    List<Group> kindList = new ArrayList<>();
    kinds.forEach((k, v) -> kindList.add(new Group(k, v[0], v[1], v[2])));
    List<Grown> grownList = new ArrayList<>(grown);
    grownList.sort(Comparator.comparingLong(Grown::growthBytes).reversed().thenComparing(Grown::path));
    return new Snapshot(savingBins.clone(), folderList, kindList, grownFiles, grownWithheld, grownList,
        failures.values().stream().map(FailureGroup.Builder::build).toList());
  }

  /** The bin of a saving in percent; savings below -100 % fall into the first bin. */
  static int bin(double savingPercent) {
    int b = (int) Math.floor((savingPercent + 100) / BIN_PERCENT);
    return Math.max(0, Math.min(BINS - 1, b));
  }

  /** The first path segment of a file in a folder, or the top-level marker. */
  static String topFolder(String relative) {
    int slash = relative.indexOf('/');
    return slash < 0 ? ROOT_FOLDER : relative.substring(0, slash);
  }

  private long[] folderRow(String folder) {
    long[] row = folders.get(folder);
    if (row != null) {
      return row;
    }
    // Keep memory bounded on trees with millions of top-level folders: the rest share one row.
    return folders.computeIfAbsent(folders.size() < MAX_FOLDERS ? folder : OTHER_FOLDERS, k -> new long[3]);
  }

  private static void add(long[] row, long in, long out) {
    row[0]++;
    row[1] += in;
    row[2] += out;
  }

  /** Files, input and output bytes of one folder or kind. */
  public record Group(String name, long files, long inputBytes, long outputBytes) {
    public long savedBytes() {
      return inputBytes - outputBytes;
    }

    public double savingPercent() {
      return inputBytes == 0 ? 0 : 100.0 * savedBytes() / inputBytes;
    }
  }

  /** A file whose WebP is larger than its source; {@code written} false when the source was kept. */
  public record Grown(String path, long inputBytes, long outputBytes, boolean written) {
    public long growthBytes() {
      return outputBytes - inputBytes;
    }
  }

  /** The failures of one type: how many, and the first paths with their reasons. */
  public record FailureGroup(String type, long count, List<String> paths, List<String> messages) {
    public FailureGroup {
      paths = List.copyOf(paths);
      messages = List.copyOf(messages);
    }

    static final class Builder {
      private final String type;
      private long count;
      private final List<String> paths = new ArrayList<>();
      private final List<String> messages = new ArrayList<>();

      Builder(String type) {
        this.type = type;
      }

      void add(String path, String message) {
        count++;
        if (paths.size() < MAX_LISTED) {
          paths.add(path);
          messages.add(message == null ? "" : message);
        }
      }

      FailureGroup build() {
        return new FailureGroup(type, count, paths, messages);
      }
    }
  }

  /**
   * What the tally holds at one moment. Immutable.
   *
   * @param savingBins files per saving bin, {@link #BIN_PERCENT} points wide from -100 %
   * @param folders top-level folders, largest saving first
   * @param grown the files that grew most, largest growth first (at most {@link #MAX_LISTED})
   */
  public record Snapshot(long[] savingBins, List<Group> folders, List<Group> kinds, long grownFiles,
      long grownWithheld, List<Grown> grown, List<FailureGroup> failures) {
    public Snapshot {
      savingBins = savingBins.clone();
      folders = List.copyOf(folders);
      kinds = List.copyOf(kinds);
      grown = List.copyOf(grown);
      failures = List.copyOf(failures);
    }

    public long failedFiles() {
      return failures.stream().mapToLong(FailureGroup::count).sum();
    }
  }
}
