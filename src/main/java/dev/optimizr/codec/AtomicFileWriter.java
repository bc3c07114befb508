package dev.optimizr.codec;

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

/**
 * Writes a file so that its final name only ever holds complete content: bytes go to a hidden temp file in
 * the same directory, are forced to disk, then renamed over the target. Safe for any number of threads;
 * {@link #deleteInFlight()} may be called from another thread (a hard exit) at any time.
 */
public final class AtomicFileWriter {
  /** Temp names are ".NAME.optimizr-tmp-RANDOM": hidden, and never ending in ".webp". */
  public static final String TEMP_MARKER = ".optimizr-tmp-";

  private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();

  /** Writes {@code content} to {@code target}, replacing it atomically; no partial file survives a failure. */
  public void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    Path temp = dir.resolve("." + target.getFileName() + TEMP_MARKER + suffix);
    inFlight.add(temp);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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

  /** Best-effort removal of temp files still being written; for a forced exit. */
  public void deleteInFlight() {
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
