package dev.optimizr.codec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Converts one JPEG/PNG file into one WebP file: read → sniff → decode → normalise (pixels, colour,
 * orientation) → encode → atomic write. Safe for any number of threads; holds only immutable settings.
 */
public final class ImageConverter {
  private final EncodeSettings settings;
  private final DecodeLimits limits;
  private final AtomicFileWriter writer;

  public ImageConverter(EncodeSettings settings, DecodeLimits limits, AtomicFileWriter writer) {
    this.settings = settings;
    this.limits = limits;
    this.writer = writer;
  }

  /** What a successful conversion produced. */
  public record Converted(int width, int height, long inputBytes, long outputBytes, List<String> warnings) {
    public Converted {
      warnings = List.copyOf(warnings);
    }
  }

  /** Converts {@code source} to {@code target}; on failure nothing is left at {@code target}'s temp name. */
  public Converted convert(Path source, Path target) throws ConversionException {
    return convert(source, target, StageClock.NONE);
  }

  /** As {@link #convert(Path, Path)}, telling {@code clock} as each stage ends. */
  public Converted convert(Path source, Path target, StageClock clock) throws ConversionException {
    byte[] data = read(source);
    long inputBytes = data.length;
    clock.stageDone(Stage.READ);
    ImageFormat format = ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH));
    if (!format.isSupported()) {
      throw new ConversionException(ErrorType.UNSUPPORTED_FORMAT, switch (format) {
        case EMPTY -> "empty file";
        case UNKNOWN -> "content is not a JPEG or PNG image";
        default -> "content is " + format + ", not JPEG or PNG";
      });
    }
    ImageDecoder.Decoded decoded = ImageDecoder.decode(data, format, limits);
    data = null; // the compressed bytes are no longer needed; let a large one be collected during encode
    clock.stageDone(Stage.DECODE);
    Pixels px = PixelNormalizer.toPixels(decoded.image());
    if (ColorProfiles.needsConversion(decoded.profile())) {
      px = ColorProfiles.toSrgb(px, decoded.profile());
    }
    px = Orientation.apply(px, decoded.orientation());
    clock.stageDone(Stage.NORMALISE);
    byte[] webp = WebPEncoder.encode(px, settings);
    clock.stageDone(Stage.ENCODE);
    try {
      writer.write(target, webp);
    } catch (IOException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "cannot write " + target.getFileName() + ": " + e, e);
    }
    clock.stageDone(Stage.WRITE);
    return new Converted(px.width(), px.height(), inputBytes, webp.length, decoded.warnings());
  }

  private static byte[] read(Path source) throws ConversionException {
    try {
      if (Files.size(source) > Integer.MAX_VALUE - 16) {
        throw new ConversionException(ErrorType.TOO_LARGE, "file larger than 2 GB");
      }
      return Files.readAllBytes(source);
    } catch (NoSuchFileException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "file vanished before it could be read", e);
    } catch (AccessDeniedException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "permission denied", e);
    } catch (IOException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "cannot read: " + e.getMessage(), e);
    }
  }
}
