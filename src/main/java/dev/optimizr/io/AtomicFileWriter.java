package dev.optimizr.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
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
 * Writes every file optimizr creates so that its final name only ever holds complete content: bytes go to a
 * hidden temp file in the same directory, are forced to disk, then renamed over the target. Safe for any number
 * of threads; {@link #deleteInFlight()} may be called from another thread (a hard exit) at any time.
 */
public final class AtomicFileWriter implements FileSink {
  /** Temp names are ".NAME.optimizr-tmp-PID-RANDOM": hidden, never ending in ".webp", owned by one process. */
  private static final String TEMP_MARKER = ".optimizr-tmp-";
  private static final String OWN_MARKER = TEMP_MARKER + ProcessHandle.current().pid() + "-";

  private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
  /** Read-held while a temp file is created and registered; write-held by {@link #deleteInFlight()}. */
  private final ReentrantReadWriteLock creation = new ReentrantReadWriteLock();
  private volatile boolean closed;
  /** Null: writes anywhere (reports, the record, tests); else nothing passes through a link below the root. */
  private final OutputLinks links;

  /** A writer for paths anywhere. */
  public AtomicFileWriter() {
    this.links = null;
  }

  /** A writer for the output tree under {@code root}, never through a symbolic link inside it. */
  public AtomicFileWriter(Path root) {
    this.links = new OutputLinks(root);
  }

  /** Writes {@code content} to {@code target}, replacing it atomically; no partial file survives a failure. */
  @Override
  public void write(Path target, byte[] content) throws IOException {
    try (Pending p = open(target)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        p.channel.write(buf);
      }
      p.commit();
    }
  }

  /**
   * Starts a file that replaces {@code target} only on {@link Pending#commit()}; closing it uncommitted deletes
   * the temp file. For content written piece by piece (failures.jsonl).
   */
  public Pending open(Path target) throws IOException {
    if (links != null) {
      links.check(target); // before createDirectories, which would follow a link
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    Path temp = dir.resolve("." + target.getFileName() + OWN_MARKER + suffix);
    return new Pending(target, temp, create(temp));
  }

  /** Deletes {@code target} if it exists, under the same rule about links as a write. */
  @Override
  public void delete(Path target) throws IOException {
    if (links != null) {
      links.check(target);
    }
    Files.deleteIfExists(target);
  }

  /** True for a temp file name of any optimizr process, this one included. */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.indexOf(TEMP_MARKER) > 1;
  }

  /** True for a temp file name of this process. */
  public static boolean isOwnTemp(String fileName) {
    return isTemp(fileName) && fileName.contains(OWN_MARKER);
  }

  /** The name a temp file was going to replace: ".c.webp.optimizr-tmp-…" → "c.webp". */
  public static String targetName(String tempFileName) {
    return tempFileName.substring(1, tempFileName.indexOf(TEMP_MARKER));
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
    } catch (IOException | RuntimeException e) {
      inFlight.remove(temp);
      throw e;
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

  /** A file being written under its temp name. Not thread-safe: one writer at a time. */
  public final class Pending implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private OutputStream stream;
    private boolean done;

    private Pending(Path target, Path temp, FileChannel channel) {
      this.target = target;
      this.temp = temp;
      this.channel = channel;
    }

    /** The temp file, for content written by other means than {@link #stream()} (SQLite creating a database). */
    public Path path() {
      return temp;
    }

    /** A buffered stream into the temp file; {@link #commit()} flushes it. */
    public OutputStream stream() {
      if (stream == null) {
        stream = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
      }
      return stream;
    }

    /** Flushes, forces to disk and renames the file over its target. */
    public void commit() throws IOException {
      if (stream != null) {
        stream.flush();
      }
      // Without this, a power loss after the rename can leave a renamed but empty file (ext4 delalloc).
      channel.force(false);
      channel.close();
      // Same directory, so rename(2) is atomic on every POSIX file system; no non-atomic fallback on purpose.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      inFlight.remove(temp);
    }

    /** Deletes the temp file unless committed. */
    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      try {
        channel.close();
        Files.deleteIfExists(temp);
      } finally {
        inFlight.remove(temp);
      }
    }
  }
}
