package dev.optimizr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes a file so that its final name only ever holds complete content: bytes go to a hidden temp file in
 * the same directory, are forced to disk, then renamed over the target. Safe for any number of threads;
 * {@link #deleteInFlight()} may be called from another thread (a hard exit) at any time.
 */
public final class AtomicFileWriter implements FileSink {
  /** Temp names are ".NAME.optimizr-tmp-RANDOM": hidden, and never ending in ".webp". */
  public static final String TEMP_MARKER = ".optimizr-tmp-";

  private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
  /** Read-held while a temp file is created and registered; write-held by {@link #deleteInFlight()}. */
  private final ReentrantReadWriteLock creation = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /** Writes {@code content} to {@code target}, replacing it atomically; no partial file survives a failure. */
  @Override
  public void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    Path temp = dir.resolve("." + target.getFileName() + TEMP_MARKER + suffix);
    try {
      try (FileChannel ch = create(temp)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        // Without this, a power loss after the rename can leave a renamed but empty file (ext4 delalloc).
        ch.force(false);
      }
      move(temp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    } finally {
      inFlight.remove(temp);
    }
  }

  /** Creates and registers the temp file, unless a forced exit has begun. */
  private FileChannel create(Path temp) throws IOException {
    creation.readLock().lock();
    try {
      if (closed) {
        throw new IOException("stopping: no new files are written");
      }
      inFlight.add(temp);
      return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } finally {
      creation.readLock().unlock();
    }
  }

  /**
   * For a forced exit: refuses new temp files, then deletes those being written. Waits only for temp files
   * being created at this instant (an open(2) call), so that none appears after the sweep.
   */
  public void deleteInFlight() {
    creation.writeLock().lock();
    try {
      closed = true;
    } finally {
      creation.writeLock().unlock();
    }
    for (Path p : inFlight) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // the process is exiting; the next run removes leftovers by their marker
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    // Same directory, so rename(2) is atomic on every POSIX file system; no non-atomic fallback on purpose.
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
