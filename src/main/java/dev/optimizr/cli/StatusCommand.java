package dev.optimizr.cli;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.pipeline.Job;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.pipeline.TreeWalker;
import dev.optimizr.report.StatusReport;
import dev.optimizr.state.DirectoryView;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordPaths;
import dev.optimizr.state.RecordSet;
import dev.optimizr.state.RecordTotals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optimizr status}: the migration as a whole, from the record of every run and every shard of one output;
 * with {@code -input}, also what is left to convert. Reads only; safe while runs are converting.
 */
@Command(name = "status", sortOptions = false, usageHelpAutoWidth = true,
    description = "Shows the migration as a whole across runs and shards: converted files and bytes, failures "
        + "outstanding by type, one line per run; with -input, the files pending and an ETA.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"  0:the record was read", "  2:usage error, or no record in OUT/.optimizr (IN/.optimizr)",
        " 70:the record could not be read; the message says why"})
final class StatusCommand implements Callable<Integer> {
  @Option(names = {"-output", "--output"}, paramLabel = "DIR", defaultValue = "./output",
      description = "The output tree whose record to read (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = {"-input", "--input"}, paramLabel = "DIR",
      description = "Also compare the record with this input tree: files pending and an ETA (walks the tree).")
  Path input;

  @Option(names = {"-alongside", "--alongside"},
      description = "Read the record of an -alongside run in the -input tree (IN/.optimizr) instead of -output.")
  boolean alongside;

  @Option(names = {"-json", "--json"}, description = "Print JSON (converted_files, failed_files, pending_files, "
      + "input_bytes, output_bytes, runs, ...) instead of text.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws UsageException, IOException, InterruptedException {
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
    if (!Files.isDirectory(output.resolve(RecordPaths.DIR))) {
      throw new UsageException("no migration record in " + output.resolve(RecordPaths.DIR)
          + " (no run of this release has written to this output yet)");
    }
    if (input != null && !Files.isDirectory(input)) {
      throw new UsageException("-input is not a directory: " + input);
    }
    try (RecordSet records = RecordSet.open(output)) {
      records.notices().forEach(n -> err.println("optimizr: " + n));
      if (records.files().isEmpty()) {
        throw new UsageException("no readable record in " + output.resolve(RecordPaths.DIR));
      }
      RecordTotals totals = records.totals();
      long[] counts = input == null ? new long[] {-1, -1} : pending(records);
      StatusReport.Model m = new StatusReport.Model(output.toAbsolutePath().normalize(), records.files(), totals,
          input == null ? null : input.toAbsolutePath().normalize(), counts[0], counts[1]);
      if (json) {
        StatusReport.renderJson(m, out);
      } else {
        StatusReport.renderText(m, out);
      }
      out.flush();
      return ExitCode.OK.code();
    } catch (RecordException e) {
      err.println("optimizr: " + e.getMessage());
      err.flush();
      return ExitCode.ABORTED.code();
    }
  }

  /**
   * Walks the input: {candidates, pending}, where pending is neither up to date in some record (same source
   * size and time, under that record's latest settings, output in place) nor an outstanding failure.
   */
  private long[] pending(RecordSet records) throws IOException, InterruptedException, RecordException {
    long[] counts = new long[2];
    RecordException[] failure = new RecordException[1];
    boolean keepExtension = records.keepExtension();
    Path out = Files.isDirectory(output) ? output.toRealPath() : output.toAbsolutePath();
    new TreeWalker(input.toRealPath(), out, keepExtension, Shard.ALL).walk(new TreeWalker.Sink() {
      private List<DirectoryView> views = List.of();

      @Override
      public void directory(String relativeDir) {
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
        // status counts what it can read; a run reports the rest
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return counts;
  }
}
