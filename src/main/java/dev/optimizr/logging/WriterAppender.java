package dev.optimizr.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.Writer;
import java.util.function.Function;

/**
 * Writes each event as one formatted line to a {@link Writer} and flushes it, so lines from many threads
 * never interleave. Thread-safe: {@link AppenderBase#doAppend} is synchronised.
 */
final class WriterAppender extends AppenderBase<ILoggingEvent> {
  private final Writer out;
  private final Function<ILoggingEvent, String> layout;

  WriterAppender(Writer out, Function<ILoggingEvent, String> layout) {
    this.out = out;
    this.layout = layout;
  }

  @Override
  protected void append(ILoggingEvent event) {
    try {
      out.write(layout.apply(event));
      out.flush();
    } catch (java.io.IOException | RuntimeException e) {
      addError("cannot write log event", e); // Logback's status list; the run goes on
    }
  }
}
