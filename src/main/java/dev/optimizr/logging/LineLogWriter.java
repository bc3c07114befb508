package dev.optimizr.logging;

import java.io.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A {@link Writer} that turns each complete line written to it into one log event, so text that code prints
 * (progress lines, the box report, signal notices) still comes out as JSON under {@code --log-format json}.
 * Thread-safe: writes are synchronised, and a line is logged only when its newline arrives.
 */
public final class LineLogWriter extends Writer {
  private final Logger log;
  private final Level level;
  private final StringBuilder line = new StringBuilder();

  public LineLogWriter(String loggerName, Level level) {
    this.log = LoggerFactory.getLogger(loggerName);
    this.level = level;
  }

  @Override
  public synchronized void write(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == '\n') {
        emit();
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void emit() {
    if (!line.isEmpty()) {
      log.atLevel(level).log(line.toString());
    }
    line.setLength(0);
  }

  @Override
  public void flush() {
    // a partial line waits for its newline
  }

  @Override
  public synchronized void close() {
    emit();
  }
}
