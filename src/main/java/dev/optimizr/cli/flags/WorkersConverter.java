package dev.optimizr.cli.flags;

import dev.optimizr.pipeline.AutoWorkers;
import picocli.CommandLine;

/** Parses {@code -workers N|auto}; anything else is a usage error. */
public final class WorkersConverter implements CommandLine.ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    try {
      return AutoWorkers.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
