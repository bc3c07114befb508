package dev.optimizr.cli;

import dev.optimizr.io.RemoteFiles;
import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordMirror;
import dev.optimizr.state.RecordPaths;
import dev.optimizr.state.RecordSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The record of one output as {@code status} and {@code report} read it: a local output's own
 * {@code OUT/.optimizr}, or, for an {@code s3://} output, a copy of every record file in {@code OUT/.optimizr/}
 * (every shard's) downloaded into a temporary directory that {@link #close} deletes. Never changes the record,
 * local or remote. Not thread-safe.
 */
final class OutputRecord implements AutoCloseable {
  private final Path root;
  private final String where;
  private final S3Storage storage;
  private final S3Location remote;

  private OutputRecord(Path root, String where, S3Storage storage, S3Location remote) {
    this.root = root;
    this.where = where;
    this.storage = storage;
    this.remote = remote;
  }

  /**
   * The record of {@code output}: read in place when {@code remote} is null, else downloaded from
   * {@code remote} through {@code storage}.
   *
   * @throws UsageException when the output has no record
   * @throws ObjectStorageCheck.Refused when the store refused or could not be reached
   */
  static OutputRecord of(String output, S3Location remote, S3Storage storage)
      throws UsageException, ObjectStorageCheck.Refused {
    if (remote != null) {
      return download(storage, remote);
    }
    Path dir;
    try {
      dir = Path.of(output);
    } catch (InvalidPathException e) {
      throw new UsageException("not a usable path: " + e.getMessage());
    }
    if (!Files.isDirectory(dir.resolve(RecordPaths.DIR))) {
      throw noRecord(dir.resolve(RecordPaths.DIR).toString());
    }
    return new OutputRecord(dir, dir.toAbsolutePath().normalize().toString(), null, null);
  }

  private static OutputRecord download(S3Storage storage, S3Location remote)
      throws UsageException, ObjectStorageCheck.Refused {
    ObjectStorageCheck.check(storage, remote);
    Path temp = null;
    try {
      temp = Files.createTempDirectory("optimizr-record-");
      if (RecordMirror.fetchAll(storage.files(remote), temp) == 0) {
        throw noRecord(remote + RecordMirror.REMOTE_DIR);
      }
      OutputRecord record = new OutputRecord(temp, remote.toString(), storage, remote);
      temp = null;
      return record;
    } catch (IOException e) {
      throw ObjectStorageCheck.refusal(storage, e, "cannot read the record from object storage");
    } finally {
      deleteTree(temp);
    }
  }

  private static UsageException noRecord(String dir) {
    return new UsageException("no migration record in " + dir
        + " (no run of this release has written to this output yet)");
  }

  /** The output as the user names it, for messages: an absolute path or an {@code s3://} URL. */
  String where() {
    return where;
  }

  /** The local directory that holds the record ({@code .optimizr}): the output, or the temporary copy. */
  Path root() {
    return root;
  }

  /**
   * Opens every record file, printing a line for each damaged one.
   *
   * @throws UsageException when none of them is readable
   */
  RecordSet open(PrintWriter err) throws RecordException, UsageException {
    RecordSet records = RecordSet.open(root);
    records.notices().forEach(n -> err.println("optimizr: " + describe(n)));
    if (records.files().isEmpty()) {
      records.close();
      throw new UsageException("no readable record in " + describe(root.resolve(RecordPaths.DIR).toString()));
    }
    return records;
  }

  /** {@code message} with the temporary copy's paths replaced by the record's own place in the bucket. */
  String describe(String message) {
    if (remote == null) {
      return message;
    }
    String local = root.resolve(RecordPaths.DIR).toString();
    return message.replace(local + "/", remote + RecordMirror.REMOTE_DIR)
        .replace(local, remote + RecordMirror.REMOTE_DIR);
  }

  /**
   * Puts {@code page}, written in {@link #root()}, where the output's reports live: for an {@code s3://} output it
   * is uploaded to the output prefix under the same name (as a run publishes its own); returns where it is.
   */
  String publish(Path page, String contentType) throws ObjectStorageCheck.Refused {
    if (remote == null) {
      return page.toString();
    }
    RemoteFiles files = storage.files(remote);
    String name = page.getFileName().toString();
    try {
      files.upload(page, name, contentType);
    } catch (IOException e) {
      throw ObjectStorageCheck.refusal(storage, e, "cannot upload " + files.describe() + name);
    }
    return files.describe() + name;
  }

  /** Deletes the temporary copy, if any. */
  @Override
  public void close() {
    if (remote != null) {
      deleteTree(root);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind costs a few kilobytes; the command's result stands
    }
  }
}
