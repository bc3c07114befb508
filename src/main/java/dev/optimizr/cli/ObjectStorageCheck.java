package dev.optimizr.cli;

import dev.optimizr.io.IoReasons;
import dev.optimizr.io.s3.S3AccessException;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.io.s3.StorageUnavailableException;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.state.RecordMirror;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Before any work on object storage: lists each s3:// side once with the credentials found, and brings the
 * output's record and failure list into the working directory. A refusal or an unreachable store is one line
 * and an exit code.
 */
final class ObjectStorageCheck {
  private ObjectStorageCheck() {}

  /** Null when the run can start; otherwise the exit code, after one line on {@code err}. */
  static ExitCode run(S3Storage storage, S3Places places, RecordMirror mirror, Shard shard, PrintWriter err,
      boolean verbose) {
    if (storage == null) {
      return null;
    }
    try {
      if (places.input() != null) {
        storage.check(places.input());
      }
      if (places.output() != null) {
        storage.check(places.output());
        mirror.restore(List.of()); // -retry-failed reads the failures from the record
      }
      return null;
    } catch (S3AccessException e) {
      return refuse(err, e.getMessage(), e, verbose, ExitCode.STORAGE_ACCESS);
    } catch (AccessDeniedException e) {
      return refuse(err, e.getFile() + ": access denied: " + e.getReason(), e, verbose, ExitCode.STORAGE_ACCESS);
    } catch (NoSuchFileException e) {
      return refuse(err, e.getFile() + ": " + e.getReason(), e, verbose, ExitCode.USAGE);
    } catch (StorageUnavailableException e) {
      return refuse(err, "cannot reach object storage (" + storage.endpoint() + "): " + e.getMessage(), e,
          verbose, ExitCode.STORAGE_UNAVAILABLE);
    } catch (IOException e) {
      // The store answered, but with an error no retry cured (e.g. 5xx throughout), or the working directory
      // could not be written.
      return refuse(err, "cannot start on object storage (" + storage.endpoint() + "): " + IoReasons.reason(e), e,
          verbose, ExitCode.STORAGE_UNAVAILABLE);
    }
  }

  private static ExitCode refuse(PrintWriter err, String line, Exception e, boolean verbose, ExitCode code) {
    err.println("optimizr: " + line + "; nothing was done");
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
