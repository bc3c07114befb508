package dev.optimizr.cli.run;

import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.pipeline.Trees;
import dev.optimizr.state.RecordMirror;
import dev.optimizr.state.RecordPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where a run's trees are and how the record of an s3:// output is kept. Immutable.
 *
 * @param checkpoint how often the record is uploaded during the run
 * @param endpoint the object store, for messages; null when the run is local
 */
public record RunStorage(Trees.Factory trees, RecordMirror mirror, Duration checkpoint, String endpoint) {
  /** The storage of {@code config}, whose s3:// sides {@code storage} reaches (null when it has none). */
  public static RunStorage of(RunConfig config, S3Storage storage, RecordMirror mirror, Duration checkpoint) {
    return new RunStorage(Trees.factory(config, storage), mirror, checkpoint,
        storage == null ? null : storage.endpoint());
  }

  /**
   * The copy in {@code workDir} of an s3:// {@code output}'s record ({@code OUT/.optimizr/}, this shard's file);
   * {@link RecordMirror#NONE} when the output is local ({@code output} null).
   */
  public static RecordMirror mirror(S3Storage storage, S3Location output, Path workDir, Shard shard) {
    return output == null ? RecordMirror.NONE
        : new RecordMirror(storage.files(output), workDir,
            List.of(RecordPaths.DIR + "/" + shard.fileName(RecordPaths.FILE_NAME)));
  }
}
