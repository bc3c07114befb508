package dev.optimizr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Lets picocli's build-time tools (the man page generator, {@code AutoComplete}) instantiate {@link Optimizr},
 * which has no no-argument constructor. The instance only describes the options; it never runs.
 */
public final class CommandFactory implements IFactory {
  private final IFactory fallback = CommandLine.defaultFactory();

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == Optimizr.class) {
      return cls.cast(new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false));
    }
    return fallback.create(cls);
  }
}
