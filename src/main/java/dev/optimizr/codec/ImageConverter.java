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
  private final FileSink writer;
  private final Admission admission;

  public ImageConverter(EncodeSettings settings, DecodeLimits limits, FileSink writer) {
    this(settings, limits, writer, Admission.NONE);
  }

  /** @param admission grants heap before each decode (see {@link ImageDecoder#estimatedHeapBytes()}) */
  public ImageConverter(EncodeSettings settings, DecodeLimits limits, FileSink writer, Admission admission) {
    this.settings = settings;
    this.limits = limits;
    this.writer = writer;
    this.admission = admission;
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
    ImageFormat format = sniff(data);
    try (ImageDecoder image = ImageDecoder.open(data, format, limits);
        Admission.Permit permit = admission.admit(image.estimatedHeapBytes())) {
      ImageDecoder.Decoded decoded = image.decode();
      clock.stageDone(Stage.DECODE);
      Pixels px = PixelNormalizer.toPixels(decoded.image());
      decoded = new ImageDecoder.Decoded(null, decoded.profile(), decoded.orientation(), decoded.warnings());
      if (ColorProfiles.needsConversion(decoded.profile())) {
        px = ColorProfiles.toSrgb(px, decoded.profile());
      }
      px = Orientation.apply(px, decoded.orientation());
      clock.stageDone(Stage.NORMALISE);
      byte[] webp = WebPEncoder.encode(px, settings);
      clock.stageDone(Stage.ENCODE);
      int width = px.width();
      int height = px.height();
      px = null; // release the pixels before the write, so the permit's bytes are really free
      write(target, webp);
      clock.stageDone(Stage.WRITE);
      return new Converted(width, height, inputBytes, webp.length, decoded.warnings());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException(ErrorType.IO_ERROR, "interrupted while waiting for memory", e);
    }
  }

  /**
   * Checks what {@link #convert} would check before decoding — content sniffing, file structure, header
   * dimensions against the limits — without decoding or writing anything (for {@code -dry-run}).
   */
  public void probe(Path source) throws ConversionException {
    byte[] data = read(source);
    try (ImageDecoder image = ImageDecoder.open(data, sniff(data), limits)) {
      image.width(); // the header was read and accepted
    }
  }

  private static ImageFormat sniff(byte[] data) throws ConversionException {
    ImageFormat format = ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH));
    if (!format.isSupported()) {
      throw new ConversionException(ErrorType.UNSUPPORTED_FORMAT, switch (format) {
        case EMPTY -> "empty file";
        case UNKNOWN -> "content is not a JPEG or PNG image";
        default -> "content is " + format + ", not JPEG or PNG";
      });
    }
    return format;
  }

  private void write(Path target, byte[] webp) throws ConversionException {
    try {
      writer.write(target, webp);
    } catch (IOException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "cannot write " + target.getFileName() + ": " + e, e);
    }
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
