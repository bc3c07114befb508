package dev.optimizr.cli;

import dev.optimizr.io.IoReasons;
import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The output directory at start-up: created if missing, then checked for write access, so that a read-only
 * directory or file system stops the run with one line naming it (exit 73) instead of failing every file.
 */
final class OutputAccess {
  private OutputAccess() {}

  /** The output cannot be created or written; the message names the path and the reason. */
  static final class CannotWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    CannotWriteException(String message) {
      super(message);
    }
  }

  /**
   * Creates {@code output} if missing and checks that this process may create files in it. A file standing
   * where a directory is needed is a mistake in the command line (usage error); a refusal is not.
   */
  static void prepare(Path output) throws UsageException, CannotWriteException {
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      if (IoReasons.isInTheWay(e)) {
        throw new UsageException("cannot create output directory " + output + ": " + IoReasons.reason(e));
      }
      throw new CannotWriteException("cannot create " + output + ": " + IoReasons.reason(e));
    }
    try {
      // access(2) with W_OK: the kernel's own answer, read-only mounts, ACLs and root's capabilities included
      output.getFileSystem().provider().checkAccess(output, AccessMode.WRITE);
    } catch (IOException e) {
      throw new CannotWriteException("cannot write to " + output + ": " + IoReasons.reason(e));
    }
  }

  /**
   * A run that could not write one of its own files under {@code output} (lock, record, failure list) after
   * the start-up check passed, e.g. a lock file left read-only: the same one line and exit status. Failures
   * elsewhere (the input) are returned as they are.
   */
  static Exception classify(FileSystemException e, Path output) {
    String file = e.getFile();
    if (file != null && Path.of(file).toAbsolutePath().normalize().startsWith(output.toAbsolutePath().normalize())) {
      return new CannotWriteException("cannot write to " + file + ": " + IoReasons.reason(e));
    }
    return e;
  }
}
