package dev.optimizr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.cli.flags.S3ConnectionFlags;
import dev.optimizr.io.IoReasons;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.report.html.HtmlReport;
import dev.optimizr.report.html.MigrationReport;
import dev.optimizr.report.html.ReportModel;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optimizr report}: rebuilds OUT/report.html for the whole migration from the record of every run and
 * shard. Reads the record only (streaming, in bounded memory); safe while runs are converting. For an s3://
 * output, reads a downloaded copy of the record and uploads the page to OUT/report.html, where runs publish theirs.
 */
@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Rebuilds OUT/report.html for the whole migration from the record of every run and shard: "
        + "savings by folder and kind, files that grew, failures outstanding, the runs, the latest settings.",
        "For an s3:// output, the record files in OUT/.optimizr/ are read from a temporary copy, deleted "
        + "afterwards; the page is uploaded as OUT/report.html (where runs publish theirs), the only object "
        + "written to the bucket."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"  0:report.html was written", "  2:usage error, or no record in OUT/.optimizr",
        " 69:the object store could not be reached",
        " 70:the record could not be read or the report not written; the message says why",
        " 77:object storage refused access or no credentials were found"})
final class ReportCommand implements Callable<Integer> {
  @Option(names = {"-output", "--output"}, paramLabel = "DIR|URL", defaultValue = "./output",
      description = "The output tree whose record to read, where report.html is written: a directory, or an S3 "
          + "URL such as s3://BUCKET/PREFIX/ (default: ${DEFAULT-VALUE}).")
  String output;

  @Mixin
  S3ConnectionFlags s3 = new S3ConnectionFlags();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws UsageException, ObjectStorageCheck.Refused {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    S3Places places = s3.places(null, output, System.getenv());
    try (S3Storage storage = places.any() ? S3Storage.connect(places.settings()) : null;
        OutputRecord record = OutputRecord.of(output, places.output(), storage)) {
      Path page = record.root().resolve(HtmlReport.FILE_NAME);
      try (RecordSet records = record.open(err)) {
        HtmlReport.write(page, model(records, record.where()), VersionInfo.version());
      } catch (RecordException e) {
        err.println("optimizr: " + record.describe(e.getMessage()));
        err.flush();
        return ExitCode.ABORTED.code();
      } catch (IOException e) {
        err.println("optimizr: could not write " + page + ": " + IoReasons.reason(e));
        err.flush();
        return ExitCode.ABORTED.code();
      }
      out.println("Report: " + record.publish(page, "text/html"));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  /** The whole migration's page, streamed from every record. */
  private static ReportModel model(RecordSet records, String output) throws RecordException {
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
    String where = (latest == null ? "?" : latest.inputDir()) + " into " + output;
    return MigrationReport.of(records.totals(), tally.snapshot(), settings(latest), where,
        AuditCollector.Snapshot.NONE, "each run's own report.html has its audit");
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
