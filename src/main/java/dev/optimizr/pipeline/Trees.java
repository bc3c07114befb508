package dev.optimizr.pipeline;

import dev.optimizr.io.FileSink;
import dev.optimizr.io.InputTree;
import dev.optimizr.io.LocalInputTree;
import dev.optimizr.io.LocalOutputTree;
import dev.optimizr.io.OutputTree;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Storage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The input and output trees of a run, local or in object storage in any combination. Immutable.
 *
 * @param remoteInput sources are fetched over the network: worth fetching ahead of the workers
 */
public record Trees(InputTree<?> input, OutputTree output, boolean remoteInput) {
  /** Opens the trees of a run once its (local) output root exists. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @param outputRoot the real path of the local output root (for an s3:// output, the working directory)
     * @param writer writes local outputs
     */
    Trees open(Path outputRoot, FileSink writer) throws IOException;
  }

  /** The factory for {@code config}: {@code storage} reaches its s3:// sides (null when it has none). */
  public static Factory factory(RunConfig config, S3Storage storage) {
    S3Places s3 = config.s3();
    return (outputRoot, writer) -> {
      InputTree<?> in = s3.input() != null ? ListingLookahead.of(storage.inputTree(s3.input(), s3.output()))
          : new LocalInputTree(config.input().toRealPath(), outputRoot);
      OutputTree out = s3.output() != null ? storage.outputTree(s3.output())
          : new LocalOutputTree(outputRoot, writer);
      return new Trees(in, out, s3.input() != null);
    };
  }

  /** The walker of these trees for {@code config}'s naming and shard. */
  public TreeWalker walker(RunConfig config) {
    return new TreeWalker(input, output, config.keepExtension(), config.shard());
  }
}
