package dev.optimizr.cli;

import dev.optimizr.io.IoReasons;
import dev.optimizr.io.s3.S3AccessException;
import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.io.s3.StorageUnavailableException;
import dev.optimizr.state.RecordMirror;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Before any work on object storage: lists each s3:// side once with the credentials found, and brings the
 * output's record and failure list into the working directory. A refusal or an unreachable store is one line
 * and an exit code, worded and numbered here for every command.
 */
final class ObjectStorageCheck {
  private ObjectStorageCheck() {}

  /** Object storage refused or could not be reached: the line for the user and the exit code it gets. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final ExitCode code;

    Refused(ExitCode code, String line, Throwable cause) {
      super(line, cause);
      this.code = code;
    }

    ExitCode code() {
      return code;
    }
  }

  /** Null when the run can start; otherwise the exit code, after one line on {@code err}. */
  static ExitCode run(S3Storage storage, S3Places places, RecordMirror mirror, PrintWriter err, boolean verbose) {
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
    } catch (S3AccessException | IOException e) {
      // The store answered, but with an error no retry cured (e.g. 5xx throughout), or the working directory
      // could not be written.
      Refused refused = refusal(storage, e, "cannot start on object storage");
      err.println("optimizr: " + refused.getMessage() + "; nothing was done");
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return refused.code();
    }
  }

  /** Lists {@code location} once with the credentials found, for a command that only reads it. */
  static void check(S3Storage storage, S3Location location) throws Refused {
    try {
      storage.check(location);
    } catch (S3AccessException | IOException e) {
      throw refusal(storage, e, "cannot read from object storage");
    }
  }

  /**
   * What a failure of object storage tells the user, and its exit code: access refused or no credentials 77, no
   * such bucket 2, unreachable 69; any other error 69 too, as "{@code doing} (endpoint): reason".
   */
  static Refused refusal(S3Storage storage, Exception e, String doing) {
    if (e instanceof S3AccessException) {
      return new Refused(ExitCode.STORAGE_ACCESS, e.getMessage(), e);
    }
    if (e instanceof AccessDeniedException a) {
      return new Refused(ExitCode.STORAGE_ACCESS, a.getFile() + ": access denied: " + a.getReason(), e);
    }
    if (e instanceof NoSuchFileException n) {
      return new Refused(ExitCode.USAGE, n.getFile() + ": " + n.getReason(), e);
    }
    if (e instanceof StorageUnavailableException) {
      return unreachable(storage, e.getMessage());
    }
    String reason = e instanceof IOException io ? IoReasons.reason(io) : e.getMessage();
    return new Refused(ExitCode.STORAGE_UNAVAILABLE, doing + " (" + storage.endpoint() + "): " + reason, e);
  }

  /** The store stopped answering, for {@code reason}. */
  static Refused unreachable(S3Storage storage, String reason) {
    return new Refused(ExitCode.STORAGE_UNAVAILABLE, "cannot reach object storage (" + storage.endpoint() + "): "
        + reason, null);
  }
}
