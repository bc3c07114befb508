package dev.optimizr.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's start-up configuration (registered in META-INF/services): logging off. Without it Logback's
 * default would print DEBUG lines to stdout before (or without) a run's {@link LogSetup}, breaking exact
 * console output and the rule that only the cli writes to the console.
 */
public final class QuietConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
