package dev.optimizr.report;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A terminal with a status line (the progress bar) kept at the bottom, below the lines printed meanwhile.
 * Thread-safe: drawing the status and every line printed through {@link #above} take one lock, so a line
 * is never glued to the bar or cut by it.
 *
 * <p>Only carriage return and "erase to end of line" ({@code ESC [ K}, VT100, understood by every terminal
 * emulator in use) are sent: a line above is printed by erasing the status, printing the line and its
 * newline, and drawing the status again on the fresh row. The status is kept shorter than the width, since
 * text reaching the last column makes some terminals wrap and the next redraw would then start a row too low.
 */
public final class LiveScreen {
  private static final String ERASE_LINE = "\u001b[K";

  private final PrintStream terminal;
  private final IntSupplier width;
  private final Object lock = new Object();
  private String status; // shown now; null when none
  private boolean ended;

  /**
   * @param terminal where the status line is drawn
   * @param width the terminal's width in columns, asked before each redraw (it may change)
   */
  public LiveScreen(PrintStream terminal, IntSupplier width) {
    this.terminal = terminal;
    this.width = width;
  }

  /**
   * Shows {@code render.apply(width)} as the status line, cut to fit; nothing once {@link #end()} was
   * called.
   */
  public void show(IntFunction<String> render) {
    synchronized (lock) {
      if (ended) {
        return;
      }
      int columns = Math.max(2, width.getAsInt());
      String text = render.apply(columns);
      status = text.length() < columns ? text : text.substring(0, columns - 1);
      terminal.print("\r" + status + ERASE_LINE);
      terminal.flush();
    }
  }

  /** Erases the status line for good: later lines are printed as they come. */
  public void end() {
    synchronized (lock) {
      erase();
      ended = true;
    }
  }

  private void erase() {
    if (status != null) {
      terminal.print("\r" + ERASE_LINE);
      terminal.flush();
      status = null;
    }
  }

  /** A writer whose complete lines appear above the status line; a partial line waits for its end. */
  public PrintWriter above(PrintWriter target) {
    return new PrintWriter(new LineWriter(target), true);
  }

  /** Prints one line on {@code target} above the status line. */
  private void printAbove(PrintWriter target, String line) {
    synchronized (lock) {
      String shown = status;
      erase();
      target.println(line);
      target.flush();
      if (shown != null) {
        status = shown;
        terminal.print(status + ERASE_LINE);
        terminal.flush();
      }
    }
  }

  /** Passes text on a line at a time; not thread-safe by itself (the PrintWriter around it locks on it). */
  private final class LineWriter extends Writer {
    private final PrintWriter target;
    private final StringBuilder pending = new StringBuilder();

    LineWriter(PrintWriter target) {
      this.target = target;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        char c = buf[i];
        if (c == '\n') {
          int end = pending.length();
          printAbove(target, pending.substring(0, end > 0 && pending.charAt(end - 1) == '\r' ? end - 1 : end));
          pending.setLength(0);
        } else {
          pending.append(c);
        }
      }
    }

    /** A partial line is written only when no status line is shown (it would be glued to it). */
    @Override
    public void flush() {
      synchronized (lock) {
        if (pending.length() > 0 && status == null) {
          target.print(pending);
          pending.setLength(0);
        }
        target.flush();
      }
    }

    @Override
    public void close() {
      flush();
    }
  }
}
