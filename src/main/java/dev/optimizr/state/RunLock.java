package dev.optimizr.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive {@link FileChannel#tryLock()} on {@code OUT/.optimizr.lock}. The kernel releases it when the
 * process dies however it dies, so a crashed run never blocks the next one (unlike a PID file); the PID
 * written inside is only for the message. Not thread-safe: one per run.
 */
public final class RunLock implements AutoCloseable {
  public static final String FILE_NAME = ".optimizr.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Thrown when another process holds the lock. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /** Takes the lock on {@code file} (normally {@code OUT/.optimizr.lock}) or fails at once with who holds it. */
  public static RunLock acquire(Path file) throws IOException, HeldException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very JVM (a test running two sessions)
    }
    if (lock == null) {
      String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      ch.close();
      throw new HeldException("another optimizr run holds " + file
          + (holder.isEmpty() ? "" : " (" + holder + ")") + "; not starting a second one on the same output");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
        .getBytes(StandardCharsets.UTF_8)), 0);
    return new RunLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
