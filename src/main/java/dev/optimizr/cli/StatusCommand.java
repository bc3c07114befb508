package dev.optimizr.cli;

import dev.optimizr.cli.flags.S3ConnectionFlags;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.InputTree;
import dev.optimizr.io.LocalInputTree;
import dev.optimizr.io.LocalOutputTree;
import dev.optimizr.io.OutputTree;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.pipeline.Job;
import dev.optimizr.pipeline.ListingLookahead;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.pipeline.TreeWalker;
import dev.optimizr.report.StatusReport;
import dev.optimizr.state.DirectoryView;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optimizr status}: the migration as a whole, from the record of every run and every shard of one output
 * (a directory, or a bucket prefix whose record is downloaded for the purpose); with {@code -input}, also what is
 * left to convert. Reads only; safe while runs are converting.
 */
@Command(name = "status", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Shows the migration as a whole across runs and shards: converted files and bytes, failures "
        + "outstanding by type, one line per run; with -input, the files pending and an ETA.",
        "For an s3:// output, every record file in OUT/.optimizr/ is downloaded to a temporary directory, read "
        + "there and deleted; nothing is written to the bucket."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"  0:the record was read", "  2:usage error, or no record in OUT/.optimizr (IN/.optimizr)",
        " 69:the object store could not be reached", " 70:the record could not be read; the message says why",
        " 77:object storage refused access or no credentials were found"})
final class StatusCommand implements Callable<Integer> {
  @Option(names = {"-output", "--output"}, paramLabel = "DIR|URL", defaultValue = "./output",
      description = "The output tree whose record to read: a directory, or an S3 URL such as "
          + "s3://BUCKET/PREFIX/ (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = {"-input", "--input"}, paramLabel = "DIR|URL",
      description = "Also compare the record with this input tree, a directory or an S3 URL: files pending and "
          + "an ETA (walks the tree).")
  String input;

  @Option(names = {"-alongside", "--alongside"},
      description = "Read the record of an -alongside run in the -input tree (IN/.optimizr) instead of -output.")
  boolean alongside;

  @Option(names = {"-json", "--json"}, description = "Print JSON (converted_files, failed_files, pending_files, "
      + "input_bytes, output_bytes, runs, ...) instead of text.")
  boolean json;

  @Mixin
  S3ConnectionFlags s3 = new S3ConnectionFlags();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws UsageException, IOException, InterruptedException, ObjectStorageCheck.Refused {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (alongside) {
      if (spec.commandLine().getParseResult().hasMatchedOption("-output")) {
        throw new UsageException("-alongside reads the record in the -input tree and takes no -output");
      }
      if (input == null) {
        throw new UsageException("-alongside needs -input, the tree the outputs were written into");
      }
      output = input; // the outputs and the record are in the source tree
    }
    S3Places places = s3.places(input, output, System.getenv());
    if (alongside && places.any()) {
      throw new UsageException("-alongside writes beside local sources; it does not take s3:// URLs");
    }
    try (S3Storage storage = places.any() ? S3Storage.connect(places.settings()) : null;
        OutputRecord record = OutputRecord.of(output, places.output(), storage)) {
      Path localInput = places.input() != null || input == null ? null : localInput();
      try (RecordSet records = record.open(err)) {
        Pending pending = input == null ? Pending.UNKNOWN : pending(records, places, storage, record, localInput);
        StatusReport.Model m = new StatusReport.Model(record.where(), records.files(), records.totals(),
            pending.input(), pending.files(), pending.pending());
        if (json) {
          StatusReport.renderJson(m, out);
        } else {
          StatusReport.renderText(m, out);
        }
        out.flush();
        return ExitCode.OK.code();
      } catch (RecordException e) {
        err.println("optimizr: " + record.describe(e.getMessage()));
        err.flush();
        return ExitCode.ABORTED.code();
      }
    }
  }

  private Path localInput() throws UsageException {
    try {
      Path p = Path.of(input);
      if (!Files.isDirectory(p)) {
        throw new UsageException("-input is not a directory: " + input);
      }
      return p;
    } catch (InvalidPathException e) {
      throw new UsageException("not a usable path: " + e.getMessage());
    }
  }

  /**
   * What a walk of the input found.
   *
   * @param input the input as the user names it: an absolute path or an s3:// URL; null when not walked
   * @param files candidate images (-1 when not walked)
   * @param pending of those, neither up to date in some record (same source size and time, under that record's
   *     latest settings, output in place) nor an outstanding failure
   */
  private record Pending(String input, long files, long pending) {
    static final Pending UNKNOWN = new Pending(null, -1, -1);
  }

  /** Walks -input against the output's files; either side may be a directory or a bucket prefix. */
  private static Pending pending(RecordSet records, S3Places places, S3Storage storage, OutputRecord record,
      Path localInput) throws IOException, InterruptedException, RecordException, ObjectStorageCheck.Refused {
    Path outRoot = record.root().toRealPath(); // the output, or the temporary copy of its record
    OutputTree outputs = places.output() != null ? storage.outputTree(places.output())
        : new LocalOutputTree(outRoot, new AtomicFileWriter());
    if (places.input() == null) {
      long[] counts = walk(records, new LocalInputTree(localInput.toRealPath(), outRoot), outputs, null);
      return new Pending(localInput.toAbsolutePath().normalize().toString(), counts[0], counts[1]);
    }
    ObjectStorageCheck.check(storage, places.input());
    String[] lost = new String[1];
    long[] counts = walk(records, ListingLookahead.of(storage.inputTree(places.input(), places.output())), outputs,
        lost);
    if (lost[0] != null) {
      throw ObjectStorageCheck.unreachable(storage, lost[0]);
    }
    return new Pending(places.input().toString(), counts[0], counts[1]);
  }

  /**
   * Walks {@code tree}: {candidates, pending}. When the input's store stops answering, the walk ends and
   * {@code lost[0]} says where and why.
   */
  private static long[] walk(RecordSet records, InputTree<?> tree, OutputTree outputs, String[] lost)
      throws InterruptedException, RecordException {
    long[] counts = new long[2];
    RecordException[] failure = new RecordException[1];
    String[] unreadable = new String[1];
    new TreeWalker(tree, outputs, records.keepExtension(), Shard.ALL).walk(new TreeWalker.Sink() {
      private List<DirectoryView> views = List.of();

      @Override
      public void directory(String relativeDir) {
        outputs.enter(relativeDir);
        try {
          views = records.directory(relativeDir);
        } catch (RecordException e) {
          failure[0] = e;
        }
      }

      @Override
      public boolean found(Job job) {
        String name = job.relative().substring(job.relative().lastIndexOf('/') + 1);
        counts[0]++;
        boolean done = views.stream().anyMatch(v -> v.upToDate(name, job.sizeBytes(), job.mtimeMillis(), job.output())
            || v.failed(name));
        counts[1] += done ? 0 : 1;
        return failure[0] == null;
      }

      @Override
      public boolean rejected(Job job, ErrorType type, String message) {
        String name = job.relative().substring(job.relative().lastIndexOf('/') + 1);
        counts[0]++;
        counts[1] += views.stream().anyMatch(v -> v.failed(name)) ? 0 : 1;
        return failure[0] == null;
      }

      @Override
      public void unreadable(String where, String reason) {
        unreadable[0] = where + ": " + reason; // status counts what it can read; a run reports the rest
      }

      @Override
      public void storageLost() {
        if (lost != null) {
          lost[0] = unreadable[0];
        }
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return counts;
  }
}
