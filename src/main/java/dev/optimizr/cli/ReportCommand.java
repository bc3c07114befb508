package dev.optimizr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.io.IoReasons;
import dev.optimizr.report.html.HtmlReport;
import dev.optimizr.report.html.MigrationReport;
import dev.optimizr.report.html.ReportModel;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordPaths;
import dev.optimizr.state.RecordSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optimizr report}: rebuilds OUT/report.html for the whole migration from the record of every run and
 * shard. Reads the record only (streaming, in bounded memory); safe while runs are converting.
 */
@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
    description = "Rebuilds OUT/report.html for the whole migration from the record of every run and shard: "
        + "savings by folder and kind, files that grew, failures outstanding, the runs, the latest settings.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"  0:report.html was written", "  2:usage error, or no record in OUT/.optimizr",
        " 70:the record could not be read or the report not written; the message says why"})
final class ReportCommand implements Callable<Integer> {
  @Option(names = {"-output", "--output"}, paramLabel = "DIR", defaultValue = "./output",
      description = "The output tree whose record to read; report.html is written there (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws UsageException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(output.resolve(RecordPaths.DIR))) {
      throw new UsageException("no migration record in " + output.resolve(RecordPaths.DIR)
          + " (no run of this release has written to this output yet)");
    }
    try (RecordSet records = RecordSet.open(output)) {
      records.notices().forEach(n -> err.println("optimizr: " + n));
      if (records.files().isEmpty()) {
        throw new UsageException("no readable record in " + output.resolve(RecordPaths.DIR));
      }
      FileTally tally = new FileTally();
      records.forEachEntry(new RecordSet.EntryVisitor() {
        @Override
        public void converted(String relative, long sourceSize, long outputSize) {
          tally.converted(relative, MigrationReport.kindOf(relative), sourceSize,
              outputSize == MigrationRecord.NO_OUTPUT ? -1 : outputSize, outputSize != MigrationRecord.NO_OUTPUT);
        }

        @Override
        public void failed(String relative, String errorType, String message) {
          tally.failed(relative, errorType, message);
        }
      });
      RecordSet.Latest latest = records.latest();
      String where = (latest == null ? "?" : latest.inputDir()) + " into " + output.toAbsolutePath().normalize();
      ReportModel model = MigrationReport.of(records.totals(), tally.snapshot(), settings(latest), where,
          AuditCollector.Snapshot.NONE, "each run's own report.html has its audit");
      Path written = HtmlReport.write(output.resolve(HtmlReport.FILE_NAME), model, VersionInfo.version());
      out.println("Report: " + written);
      out.flush();
      return ExitCode.OK.code();
    } catch (RecordException e) {
      err.println("optimizr: " + e.getMessage());
      err.flush();
      return ExitCode.ABORTED.code();
    } catch (IOException e) {
      err.println("optimizr: could not write " + output.resolve(HtmlReport.FILE_NAME) + ": " + IoReasons.reason(e));
      err.flush();
      return ExitCode.ABORTED.code();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> settings(RecordSet.Latest latest) {
    if (latest == null || latest.settingsJson() == null) {
      return Map.of();
    }
    try {
      return new ObjectMapper().readValue(latest.settingsJson(), LinkedHashMap.class);
    } catch (IOException e) {
      return Map.of(); // an older release's settings text: the page goes without
    }
  }
}
