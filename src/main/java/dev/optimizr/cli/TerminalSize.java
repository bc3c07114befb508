package dev.optimizr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import sun.misc.Signal;

/**
 * The width of the terminal on stdin, asked of {@code stty size} at the first call and again after the
 * terminal was resized (SIGWINCH); {@code $COLUMNS} or 80 when that fails. Thread-safe.
 *
 * <p>Why not a terminal library: the one behind the former progress bar (JLine) installed its own SIGINT
 * handler when it opened the terminal, so Ctrl+C killed the JVM without the clean stop; a width is all we need.
 */
final class TerminalSize implements IntSupplier {
  private static final int FALLBACK = 80;

  private volatile boolean stale = true;
  private volatile int columns = FALLBACK;

  /** Starts listening for resizes. */
  static TerminalSize watch() {
    TerminalSize size = new TerminalSize();
    try {
      Signal.handle(new Signal("WINCH"), sig -> size.stale = true);
    } catch (IllegalArgumentException e) {
      // no SIGWINCH here (or -Xrs): the width read at the start stays
    }
    return size;
  }

  @Override
  public int getAsInt() {
    if (stale) {
      stale = false;
      columns = ask();
    }
    return columns;
  }

  private static int ask() {
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (InputStream in = p.getInputStream()) {
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
          return fromEnvironment();
        }
        String[] rowsCols = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        if (rowsCols.length == 2) {
          int cols = Integer.parseInt(rowsCols[1]);
          if (cols > 0) {
            return cols;
          }
        }
      } finally {
        p.destroy();
      }
    } catch (IOException | NumberFormatException e) {
      // no stty, or an answer we do not understand
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fromEnvironment();
  }

  private static int fromEnvironment() {
    try {
      int cols = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
      return cols > 0 ? cols : FALLBACK;
    } catch (NumberFormatException e) {
      return FALLBACK;
    }
  }
}
