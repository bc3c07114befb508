package dev.optimizr.codec;

import dev.optimizr.codec.meta.ExifOrientation;
import dev.optimizr.codec.meta.MetadataKind;
import dev.optimizr.codec.meta.SourceMetadata;
import dev.optimizr.codec.pixels.ColorProfiles;
import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.pixels.Resizer;
import dev.optimizr.codec.pixels.Upright;
import dev.optimizr.codec.quality.Encoding;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.WebPContainer;
import dev.optimizr.io.ImageSink;
import dev.optimizr.io.ImageSource;
import dev.optimizr.io.IoReasons;
import dev.optimizr.io.OutputLinks;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Converts one JPEG/PNG file into one WebP file: read → sniff → decode → normalise (pixels, colour,
 * orientation, size) → encode (policy, quality search) → metadata → atomic write. Safe for any number of
 * threads; holds only immutable settings.
 */
public final class ImageConverter {
  private final ConvertOptions options;
  private final DecodeLimits limits;
  private final Admission admission;

  public ImageConverter(EncodeSettings settings, DecodeLimits limits) {
    this(ConvertOptions.of(settings), limits, Admission.NONE);
  }

  public ImageConverter(ConvertOptions options, DecodeLimits limits) {
    this(options, limits, Admission.NONE);
  }

  /** @param admission grants heap before each decode (see {@link ImageDecoder#estimatedHeapBytes()}) */
  public ImageConverter(ConvertOptions options, DecodeLimits limits, Admission admission) {
    this.options = options;
    this.limits = limits;
    this.admission = admission;
  }

  /**
   * What a successful conversion produced.
   *
   * @param width output width (after orientation and resizing)
   * @param outputBytes size of the WebP (also when {@code written} is false)
   * @param written false when {@code -if-larger skip} withheld an output larger than its source
   * @param lossless whether the WebP is lossless (VP8L)
   * @param quality the quality {@code -target-ssim} chose, or -1
   * @param ssim the SSIM of that choice, or NaN
   * @param format the source's format, as read from its content
   */
  public record Converted(int width, int height, long inputBytes, long outputBytes, List<String> warnings,
      boolean written, boolean lossless, int quality, double ssim, ImageFormat format) {
    public Converted {
      warnings = List.copyOf(warnings);
    }

    public boolean larger() {
      return outputBytes > inputBytes;
    }

    /** This result with {@code warning} added. */
    public Converted withWarning(String warning) {
      List<String> more = new java.util.ArrayList<>(warnings);
      more.add(warning);
      return new Converted(width, height, inputBytes, outputBytes, more, written, lossless, quality, ssim, format);
    }
  }

  /** Converts {@code source} into {@code sink}; on failure nothing partial is left in the sink. */
  public Converted convert(ImageSource source, ImageSink sink) throws ConversionException {
    return convert(source, sink, StageClock.NONE);
  }

  /** As {@link #convert(ImageSource, ImageSink)}, telling {@code clock} as each stage ends. */
  public Converted convert(ImageSource source, ImageSink sink, StageClock clock) throws ConversionException {
    return convert(source, sink, clock, EncodedTap.NONE);
  }

  /**
   * As {@link #convert(ImageSource, ImageSink, StageClock)}, showing {@code tap} the encoded pixels and the
   * WebP after the write (not when {@code -if-larger skip} withheld the output).
   */
  public Converted convert(ImageSource source, ImageSink sink, StageClock clock, EncodedTap tap)
      throws ConversionException {
    byte[] data = read(source);
    long inputBytes = data.length;
    clock.stageDone(Stage.READ);
    ImageFormat format = sniff(data);
    try (ImageDecoder image = ImageDecoder.open(data, format, limits);
        Admission.Permit permit = admission.admit(image.estimatedHeapBytes())) {
      SourceMetadata meta = image.metadata();
      // -metadata icc keeps the pixels in the source's space and tags them; only an RGB profile can tag RGB
      // pixels (a CMYK or gray profile describes samples we no longer have), so others convert as usual.
      byte[] icc = options.wants(MetadataKind.ICC) && ColorProfiles.isRgb(meta.icc()) ? meta.icc() : null;
      ImageDecoder.Decoded decoded = image.decode();
      clock.stageDone(Stage.DECODE);
      Pixels px = PixelNormalizer.toPixels(decoded.image());
      decoded = new ImageDecoder.Decoded(null, decoded.profile(), decoded.orientation(), decoded.warnings());
      List<String> warnings = new java.util.ArrayList<>(decoded.warnings());
      if (icc == null && ColorProfiles.needsConversion(decoded.profile())) {
        try {
          px = ColorProfiles.toSrgb(px, decoded.profile());
        } catch (java.awt.color.CMMException | IllegalArgumentException e) {
          // LCMS refuses some damaged or exotic profiles; browsers then show the pixels as sRGB, and so do we
          warnings.add("ICC profile not usable, colours kept as stored: " + e.getMessage());
        }
      }
      px = Upright.apply(px, decoded.orientation());
      px = Resizer.fit(px, options.maxWidth(), options.maxHeight());
      clock.stageDone(Stage.NORMALISE);
      Encoding.Result enc = Encoding.encode(px, format, options);
      byte[] exif = options.wants(MetadataKind.EXIF) ? ExifOrientation.withUprightOrientation(meta.exif()) : null;
      byte[] xmp = options.wants(MetadataKind.XMP) ? meta.xmp() : null;
      byte[] webp = WebPContainer.withMetadata(enc.webp(), px.width(), px.height(), icc, exif, xmp);
      clock.stageDone(Stage.ENCODE);
      int width = px.width();
      int height = px.height();
      // Release the pixels before the write, so the permit's bytes are really free; a tap keeps them.
      Pixels tapped = tap == EncodedTap.NONE ? null : px;
      px = null;
      if (!enc.ssimReached()) {
        warnings.add(String.format(java.util.Locale.ROOT,
            "SSIM target %.4f not reached even at quality 100 (%.4f)", options.targetSsim(), enc.ssim()));
      }
      boolean written = !(options.skipLarger() && webp.length > inputBytes);
      if (written) {
        write(sink, webp);
      } else {
        removeStale(sink);
      }
      clock.stageDone(Stage.WRITE);
      if (tapped != null && written) {
        tap.encoded(tapped, webp, format);
      }
      return new Converted(width, height, inputBytes, webp.length, warnings, written, enc.lossless(),
          enc.quality(), enc.ssim(), format);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException(ErrorType.IO_ERROR, "interrupted while waiting for memory", e);
    }
  }

  /**
   * Checks what {@link #convert} would check before decoding — content sniffing, file structure, header
   * dimensions against the limits — without decoding or writing anything (for {@code -dry-run}).
   */
  public void probe(ImageSource source) throws ConversionException {
    byte[] data = read(source);
    ImageDecoder.open(data, sniff(data), limits).close(); // opening reads and accepts the header
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

  private static void write(ImageSink sink, byte[] webp) throws ConversionException {
    try {
      sink.write(webp);
    } catch (OutputLinks.LinkedOutputException e) {
      throw new ConversionException(ErrorType.OUTPUT_SYMLINK, e.getMessage(), e);
    } catch (IOException e) {
      throw new ConversionException(ErrorType.IO_ERROR,
          "cannot write " + sink.name() + ": " + IoReasons.reason(e), e);
    }
  }

  /**
   * Under {@code -if-larger skip} an image gets no output; one left by an earlier run with other settings
   * would contradict that, so it is removed.
   */
  private static void removeStale(ImageSink sink) throws ConversionException {
    try {
      sink.delete();
    } catch (OutputLinks.LinkedOutputException e) {
      throw new ConversionException(ErrorType.OUTPUT_SYMLINK, e.getMessage(), e);
    } catch (IOException e) {
      throw new ConversionException(ErrorType.IO_ERROR,
          "cannot remove the older " + sink.name() + ": " + IoReasons.reason(e), e);
    }
  }

  private static byte[] read(ImageSource source) throws ConversionException {
    try {
      if (source.size() > Integer.MAX_VALUE - 16) {
        throw new ConversionException(ErrorType.TOO_LARGE, "file larger than 2 GB");
      }
      return source.read();
    } catch (NoSuchFileException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "file vanished before it could be read", e);
    } catch (AccessDeniedException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "permission denied", e);
    } catch (IOException e) {
      throw new ConversionException(ErrorType.IO_ERROR, "cannot read: " + IoReasons.reason(e), e);
    }
  }
}
