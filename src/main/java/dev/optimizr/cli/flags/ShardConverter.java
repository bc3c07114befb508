package dev.optimizr.cli.flags;

import dev.optimizr.pipeline.Shard;
import picocli.CommandLine;

/** Parses {@code --shard I/N}; a bad value is a usage error naming the expected form. */
public final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
  @Override
  public Shard convert(String value) {
    try {
      return Shard.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
