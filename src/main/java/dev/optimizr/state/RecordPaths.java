package dev.optimizr.state;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where one record lives, {@code OUT/.optimizr/record.db} ({@code record-I-of-N.db} for a shard), and the
 * files of earlier releases it is created from. Immutable.
 *
 * @param database the SQLite file
 * @param legacyJournal the earlier releases' {@code OUT/.optimizr-state}, imported when the database is created
 * @param legacyFailures the failure list imported with it, for {@code -retry-failed}
 */
public record RecordPaths(Path database, Path legacyJournal, Path legacyFailures) {
  /** The directory in the output root that holds the records. */
  public static final String DIR = ".optimizr";
  public static final String FILE_NAME = "record.db";

  /** True for the name of a record file, {@code record.db} or a shard's {@code record-I-of-N.db}. */
  public static boolean isRecordFile(String name) {
    return name.startsWith("record") && name.endsWith(".db");
  }

  /**
   * @param shardName turns a file name into this shard's ({@code record.db} → {@code record-0-of-3.db});
   *     the identity when not sharded
   * @param failuresName the failure list's name in the output root for this shard
   */
  public static RecordPaths of(Path outputRoot, UnaryOperator<String> shardName, String failuresName) {
    return new RecordPaths(outputRoot.resolve(DIR).resolve(shardName.apply(FILE_NAME)),
        outputRoot.resolve(shardName.apply(LegacyJournal.FILE_NAME)), outputRoot.resolve(failuresName));
  }

  /**
   * An alongside run's record, {@code IN/.optimizr/record.db}, with its failure list beside it. No earlier release
   * wrote beside the sources, so there is no earlier journal to import (its path here never exists).
   */
  public static RecordPaths alongside(Path inputRoot, UnaryOperator<String> shardName, String failuresName) {
    Path dir = inputRoot.resolve(DIR);
    return new RecordPaths(dir.resolve(shardName.apply(FILE_NAME)),
        dir.resolve(shardName.apply(LegacyJournal.FILE_NAME)), dir.resolve(failuresName));
  }

  /** The record directory, {@code OUT/.optimizr}. */
  public Path directory() {
    return database.getParent();
  }
}
