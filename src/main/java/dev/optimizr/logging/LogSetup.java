package dev.optimizr.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at one run's writer in the chosen format, and back to silence on {@link #close()}. Logback's
 * configuration is process-wide, so one run at a time per JVM (which is how optimizr runs). Not thread-safe:
 * the session thread opens and closes it; logging through it is safe from any thread.
 */
public final class LogSetup implements AutoCloseable {
  private static final String APPENDER = "optimizr-run";

  private final Logger root;
  private final WriterAppender appender;
  private final Writer out;

  private LogSetup(Logger root, WriterAppender appender, Writer out) {
    this.root = root;
    this.appender = appender;
    this.out = out;
  }

  /**
   * Starts writing events at INFO and above (DEBUG with {@code verbose}) to {@code out}. Returns a no-op
   * setup when SLF4J is bound to something other than Logback.
   */
  public static LogSetup start(LogFormat format, boolean verbose, Writer out) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new LogSetup(null, null, out);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    WriterAppender appender = new WriterAppender(out, format == LogFormat.JSON ? JsonLineLayout::format : text());
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.start();
    root.detachAppender(APPENDER); // a previous run in this JVM that did not close
    root.addAppender(appender);
    root.setLevel(verbose ? Level.DEBUG : Level.INFO);
    return new LogSetup(root, appender, out);
  }

  /** {@code optimizr: warning: message}, like every other line optimizr prints on stderr. */
  private static Function<ILoggingEvent, String> text() {
    return e -> {
      String level = e.getLevel().isGreaterOrEqual(Level.WARN)
          ? e.getLevel().toString().toLowerCase(Locale.ROOT).replace("warn", "warning") + ": " : "";
      return "optimizr: " + level + e.getFormattedMessage() + System.lineSeparator();
    };
  }

  /** Silences logging again and flushes the writer. */
  @Override
  public void close() throws java.io.IOException {
    if (root != null) {
      root.setLevel(Level.OFF);
      root.detachAppender(appender);
      appender.stop();
    }
    out.flush();
  }
}
