package dev.optimizr.state;

import dev.optimizr.io.RemoteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the record of an object-storage output lives and how it is kept: the run works on a local copy in its
 * working directory, downloaded from {@code OUT/.optimizr/} at the start (so a run on another machine resumes
 * where the last one stopped), uploaded back at checkpoints and at the end; the reports (summary, failure list)
 * are uploaded to the output root. For a local output it does nothing. Safe for one checkpointing thread and the
 * run's own thread: uploads of a file are serialised.
 */
public final class RecordMirror {
  /** In the working directory while its record is newer than the remote copy (an upload failed). */
  static final String UNSYNCED = ".optimizr-unsynced";

  /** The folder under the output prefix that holds the record. */
  public static final String REMOTE_DIR = ".optimizr/";

  /** A local output: the record is already where it lives. */
  public static final RecordMirror NONE = new RecordMirror(null, null, List.of());

  private final RemoteFiles remote;
  private final Path workDir;
  private final List<String> recordFiles;
  /** Size and modification time of each record file as last uploaded. Guarded by this. */
  private final Map<String, List<Long>> uploaded = new HashMap<>();

  /**
   * @param workDir the local working directory (the run's output root for its lock, record and reports)
   * @param recordFiles the record's files, relative to {@code workDir} (e.g. this shard's {@code .optimizr-state});
   *     each is kept as {@code OUT/.optimizr/} and its file name
   */
  public RecordMirror(RemoteFiles remote, Path workDir, List<String> recordFiles) {
    this.remote = remote;
    this.workDir = workDir;
    this.recordFiles = List.copyOf(recordFiles);
  }

  /** True when there is a remote copy to keep. */
  public boolean remote() {
    return remote != null;
  }

  /**
   * Replaces the local copies of the record and of {@code reports} (e.g. the failure list, for
   * {@code -retry-failed}) with the remote ones; a file with no remote copy is removed locally, so a stale
   * local one never wins over the bucket.
   */
  public void restore(List<String> reports) throws IOException {
    if (remote == null) {
      return;
    }
    Files.createDirectories(workDir);
    // After a run whose last upload failed (the store went away), the local record is the newer one: keep it.
    if (!Files.exists(workDir.resolve(UNSYNCED))) {
      for (String name : recordFiles) {
        Files.createDirectories(workDir.resolve(name).getParent());
        fetch(remoteName(name), workDir.resolve(name));
      }
    }
    for (String name : reports) {
      fetch(name, workDir.resolve(name));
    }
  }

  private void fetch(String remoteName, Path local) throws IOException {
    if (!remote.download(remoteName, local)) {
      Files.deleteIfExists(local);
    }
  }

  /** Makes a consistent copy of a record file that may be being written (see {@link MigrationRecord#copyTo}). */
  @FunctionalInterface
  public interface Snapshot {
    void copy(Path recordFile, Path to) throws IOException;
  }

  /**
   * Uploads each record file that changed since its last upload, from a copy made by {@code snapshot}: the live
   * file may be in the middle of a transaction, the copy never is.
   */
  public synchronized void checkpoint(Snapshot snapshot) throws IOException {
    if (remote == null) {
      return;
    }
    for (String name : recordFiles) {
      Path local = workDir.resolve(name);
      if (!Files.exists(local)) {
        continue;
      }
      List<Long> version = List.of(Files.size(local), Files.getLastModifiedTime(local).toMillis());
      if (version.equals(uploaded.get(name))) {
        continue;
      }
      Path copy = local.resolveSibling("." + local.getFileName() + ".upload");
      try {
        snapshot.copy(local, copy);
        remote.upload(copy, remoteName(name), "application/octet-stream");
      } catch (IOException e) {
        Files.write(workDir.resolve(UNSYNCED), new byte[0]);
        throw new IOException(remote.describe() + remoteName(name) + ": " + e.getMessage(), e);
      } finally {
        Files.deleteIfExists(copy);
      }
      uploaded.put(name, version);
    }
    Files.deleteIfExists(workDir.resolve(UNSYNCED));
  }

  /**
   * Copies every record file of a remote output ({@code OUT/.optimizr/record.db}, every shard's
   * {@code record-I-of-N.db}) into {@code root/.optimizr/}, where {@link RecordSet#open} reads them; returns how
   * many there were. Only reads the remote side.
   */
  public static int fetchAll(RemoteFiles remote, Path root) throws IOException {
    int fetched = 0;
    for (String name : remote.list(REMOTE_DIR)) {
      if (RecordPaths.isRecordFile(name)
          && remote.download(REMOTE_DIR + name, root.resolve(RecordPaths.DIR).resolve(name))) {
        fetched++;
      }
    }
    return fetched;
  }

  /** Where a record file is kept: {@code OUT/.optimizr/} and its file name. */
  private static String remoteName(String recordFile) {
    return REMOTE_DIR + Path.of(recordFile).getFileName();
  }

  /** Uploads a report written in the working directory to the output root, under the same name. */
  public void publish(Path report, String contentType) throws IOException {
    if (remote != null && Files.exists(report)) {
      try {
        remote.upload(report, report.getFileName().toString(), contentType);
      } catch (IOException e) {
        throw new IOException(describe(report) + ": " + e.getMessage() + " (kept in " + report + ")", e);
      }
    }
  }

  /** Where the report written as {@code local} is published, for messages. */
  public String describe(Path local) {
    return remote == null ? local.toString() : remote.describe() + local.getFileName();
  }
}
