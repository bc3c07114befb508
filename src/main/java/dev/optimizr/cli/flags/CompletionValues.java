package dev.optimizr.cli.flags;

import dev.optimizr.codec.PngMode;
import dev.optimizr.codec.meta.MetadataKind;
import dev.optimizr.codec.webp.Preset;
import dev.optimizr.logging.LogFormat;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The values shell completion offers for flags that take a word, spelled as the README and {@code --help}
 * spell them (lower case). Picocli would offer an enum option's constants as declared (TEXT JSON), and
 * nothing at all for options held as strings. Each class is instantiated by picocli's factory.
 */
public final class CompletionValues {
  private CompletionValues() {}

  private static List<String> lower(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** {@code -log-format}: text, json. */
  static final class LogFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return lower(LogFormat.values()).iterator();
    }
  }

  /** {@code -png}: auto, lossy, lossless. */
  static final class PngModes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return lower(PngMode.values()).iterator();
    }
  }

  /** {@code -preset}: cwebp's preset names. */
  static final class Presets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return lower(Preset.values()).iterator();
    }
  }

  /** {@code -if-larger}: keep, skip. */
  static final class IfLarger implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("keep", "skip").iterator();
    }
  }

  /** {@code -metadata}: none, all, or one kind (a comma-separated list is typed on from there). */
  static final class Metadata implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Stream.concat(Stream.of("none", "all"), lower(MetadataKind.values()).stream()).iterator();
    }
  }
}
