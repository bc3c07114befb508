package dev.optimizr.state;

import dev.optimizr.io.AtomicFileWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Which source produced each output: an append-only journal {@code OUT/.optimizr-state}, one line per
 * converted file ({@code relative, source size, source mtime, settings, output size, CRC}), compacted at
 * the end of a run. A line torn by a crash fails its CRC and is ignored, so the worst case after power loss
 * is re-converting a few files. Safe for any number of threads.
 */
public final class ConversionState implements AutoCloseable {
  public static final String FILE_NAME = ".optimizr-state";
  /** Output size recorded when {@code -if-larger skip} deliberately wrote no output. */
  public static final long NO_OUTPUT = -1;

  /** What one output was made from. */
  public record Entry(long sourceSize, long sourceMtimeMillis, String settings, long outputSize) {}

  private final Path file;
  private final String settings;
  private final ConcurrentHashMap<String, Entry> entries;
  private final Object journalLock = new Object();
  /** Opened on the first {@link #record}, so that a dry run never creates the file. Guarded by journalLock. */
  private BufferedWriter journal;

  private ConversionState(Path file, String settings, Map<String, Entry> loaded) {
    this.file = file;
    this.settings = settings;
    this.entries = new ConcurrentHashMap<>(loaded);
  }

  /**
   * Loads the record {@code file} (normally {@code OUT/.optimizr-state}) for a run whose encoding settings are
   * {@code settings} (any string that changes when the output would change, e.g. "q80 m4").
   */
  public static ConversionState open(Path file, String settings) throws IOException {
    Map<String, Entry> loaded = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        parse(line, loaded);
      }
    } catch (NoSuchFileException e) {
      // first run on this output
    }
    return new ConversionState(file, settings, loaded);
  }

  /**
   * True when {@code target} exists with the size recorded for this exact source and these settings, or, for
   * a source deliberately left without output ({@link #NO_OUTPUT}), when {@code target} still does not exist.
   */
  public boolean upToDate(String relative, long sourceSize, long sourceMtimeMillis, Path target) {
    Entry e = entries.get(relative);
    if (e == null || e.sourceSize() != sourceSize || e.sourceMtimeMillis() != sourceMtimeMillis
        || !e.settings().equals(settings)) {
      return false;
    }
    if (e.outputSize() == NO_OUTPUT) {
      return !Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
    try {
      return Files.size(target) == e.outputSize();
    } catch (IOException missing) {
      return false;
    }
  }

  /**
   * Records a finished conversion; call after the output is renamed into place ({@code outputSize} is
   * {@link #NO_OUTPUT} when none was written on purpose).
   */
  public void record(String relative, long sourceSize, long sourceMtimeMillis, long outputSize) throws IOException {
    if (relative.indexOf('\t') >= 0 || relative.indexOf('\n') >= 0) {
      return; // cannot be a TSV field: such a file simply converts on every run
    }
    Entry e = new Entry(sourceSize, sourceMtimeMillis, settings, outputSize);
    entries.put(relative, e);
    String line = format(relative, e);
    synchronized (journalLock) {
      if (journal == null) {
        journal = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      journal.write(line);
      journal.write('\n');
      journal.flush(); // to the OS per line: a killed process loses nothing; power loss at most the tail
    }
  }

  /**
   * Rewrites the journal as one line per output (temp file, fsync, rename); does nothing when this run
   * recorded nothing, so an unchanged re-run does not rewrite a large file.
   */
  public void compact() throws IOException {
    synchronized (journalLock) {
      if (journal == null) {
        return;
      }
    }
    try (AtomicFileWriter.Pending next = new AtomicFileWriter().open(file)) {
      Writer w = new BufferedWriter(new OutputStreamWriter(next.stream(), StandardCharsets.UTF_8));
      for (Map.Entry<String, Entry> e : new java.util.TreeMap<>(entries).entrySet()) {
        w.write(format(e.getKey(), e.getValue()));
        w.write('\n');
      }
      w.flush();
      synchronized (journalLock) {
        next.commit();
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (journalLock) {
      if (journal != null) {
        journal.close();
        journal = null;
      }
    }
  }

  private static String format(String relative, Entry e) {
    String body = relative + '\t' + e.sourceSize() + '\t' + e.sourceMtimeMillis() + '\t' + e.settings() + '\t'
        + e.outputSize();
    return body + '\t' + Long.toHexString(crc(body));
  }

  private static void parse(String line, Map<String, Entry> into) {
    int last = line.lastIndexOf('\t');
    if (last < 0) {
      return;
    }
    String body = line.substring(0, last);
    if (!Long.toHexString(crc(body)).equals(line.substring(last + 1))) {
      return; // torn or damaged line
    }
    String[] f = body.split("\t", -1);
    if (f.length != 5) {
      return;
    }
    try {
      into.put(f[0], new Entry(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], Long.parseLong(f[4])));
    } catch (NumberFormatException e) {
      // ignore a damaged line
    }
  }

  private static long crc(String s) {
    CRC32 c = new CRC32();
    c.update(s.getBytes(StandardCharsets.UTF_8));
    return c.getValue();
  }
}
