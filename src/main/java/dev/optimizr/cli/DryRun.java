package dev.optimizr.cli;

import dev.optimizr.cli.run.RunSession;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.ImageConverter;
import dev.optimizr.pipeline.Job;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.Selection;
import dev.optimizr.pipeline.TreeWalker;
import dev.optimizr.pipeline.Trees;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code -dry-run}: walks the tree and says, per file, what a real run would do — CONVERT, SKIP (up to
 * date) or REJECT with the reason found from the content and header — and writes nothing at all.
 */
final class DryRun {
  private final RunConfig config;
  private final PrintWriter out;
  private long convert;
  private long skip;
  private long reject;

  private final Trees.Factory trees;

  DryRun(RunConfig config, PrintWriter out, Trees.Factory trees) {
    this.config = config;
    this.out = out;
    this.trees = trees;
  }

  /** Returns the number of files that would be rejected. */
  long run() throws IOException, InterruptedException, RecordException {
    Path output = Files.isDirectory(config.output()) ? config.output().toRealPath()
        : config.output().toAbsolutePath().normalize();
    try (MigrationRecord record = MigrationRecord.openToRead(RunSession.recordPaths(config), config.encodingKey())) {
      record.notices().forEach(n -> out.println("NOTE " + n));
      walk(output, new Selection(config, record));
    }
    out.println(String.format(Locale.ROOT, "Dry run: %d would be converted, %d skipped as up to date, %d rejected;"
        + " nothing was written.", convert, skip, reject));
    return reject;
  }

  private void walk(Path output, Selection selection) throws IOException, InterruptedException {
    ImageConverter probe = new ImageConverter(config.options(), config.limits());
    Trees opened = trees.open(output, (target, content) -> {
      throw new IOException("a dry run writes nothing");
    });
    opened.walker(config).walk(new TreeWalker.Sink() {
      /** As a real run: the record's entries and, on object storage, one listing of the outputs per directory. */
      @Override
      public void directory(String relativeDir) {
        selection.enter(relativeDir);
        opened.output().enter(relativeDir);
      }

      @Override
      public boolean found(Job job) {
        Selection.Verdict verdict = selection.of(job);
        if (verdict == Selection.Verdict.NOT_WANTED) {
          return true;
        }
        if (verdict == Selection.Verdict.UP_TO_DATE) {
          skip++;
          out.println("SKIP " + job.relative());
          return true;
        }
        try {
          probe.probe(job.input());
          convert++;
          out.println("CONVERT " + job.relative());
        } catch (ConversionException e) {
          return rejected(job, e.type(), e.getMessage());
        }
        return true;
      }

      @Override
      public boolean rejected(Job job, ErrorType type, String message) {
        if (!selection.wanted(job)) {
          return true;
        }
        reject++;
        out.println("REJECT " + job.relative() + ": " + type + ": " + message);
        return true;
      }

      @Override
      public void unreadable(String where, String reason) {
        out.println("UNREADABLE " + where + ": " + reason);
      }
    });
  }
}
