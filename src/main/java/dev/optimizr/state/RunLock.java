package dev.optimizr.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The output's run lock: {@link FileChannel#tryLock} on {@code OUT/.optimizr.lock}, exclusive for an unsharded
 * run, shared for a shard, which also takes its own {@code OUT/.optimizr-I-of-N.lock} exclusively. So shards run
 * together, a shard never twice, and an unsharded run never next to a sharded one. The kernel releases the locks
 * when the process dies however it dies, so a crashed run never blocks the next one (unlike a PID file); the PID
 * written inside is only for the message. Not thread-safe: one per run.
 */
public final class RunLock implements AutoCloseable {
  public static final String FILE_NAME = ".optimizr.lock";

  private final List<FileChannel> channels;

  private RunLock(List<FileChannel> channels) {
    this.channels = channels;
  }

  /** Thrown when another process holds the lock. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock of {@code outputRoot} or fails at once naming who holds it.
   *
   * @param shardLockName this shard's lock file name ({@code .optimizr-0-of-3.lock}), or null when not sharded
   * @param holder how this run describes itself to a refused one ("shard 0/3"), or null when not sharded
   */
  public static RunLock acquire(Path outputRoot, String shardLockName, String holder)
      throws IOException, HeldException {
    Path common = outputRoot.resolve(FILE_NAME);
    FileChannel ch = FileChannel.open(common, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    boolean shared = shardLockName != null;
    if (tryLock(ch, shared) == null) {
      ch.close();
      throw held(common, shared ? describe(common) : holders(outputRoot, common));
    }
    if (!shared) {
      note(ch, null);
      return new RunLock(List.of(ch));
    }
    Path own = outputRoot.resolve(shardLockName);
    FileChannel shardCh = FileChannel.open(own, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (tryLock(shardCh, false) == null) {
      String who = describe(own);
      shardCh.close();
      ch.close();
      throw held(own, who);
    }
    note(shardCh, holder);
    return new RunLock(List.of(shardCh, ch));
  }

  /** The lock in the form an earlier release takes it: exclusive on one file. */
  public static RunLock acquire(Path file) throws IOException, HeldException {
    return acquire(file.getParent(), null, null);
  }

  private static FileLock tryLock(FileChannel ch, boolean shared) throws IOException {
    try {
      return ch.tryLock(0, Long.MAX_VALUE, shared);
    } catch (OverlappingFileLockException e) {
      return null; // held by this very JVM (a test running two sessions)
    }
  }

  private static HeldException held(Path file, String who) {
    return new HeldException("another optimizr run holds " + file + (who.isEmpty() ? "" : " (" + who + ")")
        + "; not starting a second one on the same output");
  }

  /** The shards running now (their lock files are locked), or else whoever wrote the common lock file. */
  private static String holders(Path outputRoot, Path common) throws IOException {
    List<String> running = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(outputRoot, ".optimizr-*-of-*.lock")) {
      for (Path p : ds) {
        try (FileChannel probe = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          FileLock l = tryLock(probe, false);
          if (l == null) {
            running.add(describe(p));
          } else {
            l.release();
          }
        }
      }
    }
    return running.isEmpty() ? describe(common) : String.join("; ", running);
  }

  private static String describe(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
  }

  private static void note(FileChannel ch, String holder) throws IOException {
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(((holder == null ? "" : holder + ", ") + "pid " + ProcessHandle.current().pid()
        + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
  }

  @Override
  public void close() throws IOException {
    for (FileChannel ch : channels) {
      ch.close(); // releases its lock
    }
  }
}
