package dev.optimizr.codec;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.optimizr.codec.jpeg.JpegStructure;
import dev.optimizr.codec.jpeg.progressive.ProgressiveJpeg;
import dev.optimizr.codec.meta.Orientation;
import dev.optimizr.codec.meta.SourceMetadata;
import dev.optimizr.codec.pixels.Destinations;
import dev.optimizr.codec.png.PngStructure;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG and PNG bytes with an explicitly chosen reader after checking the file's structure and
 * the header's dimensions. One instance per image, used by one thread: {@link #open} reads the header,
 * {@link #decode} the pixels, {@link #close} disposes the reader.
 */
public final class ImageDecoder implements AutoCloseable {
  // TwelveMonkeys: CMYK/YCCK/Adobe-inverted JPEGs and embedded ICC profiles, which the JDK reader renders
  // with wrong colours or refuses ("Unsupported Image Type"). Chosen by class so that whatever else is on
  // the class path (the WebP plugin registers a reader too) never decodes our input.
  private static final String JPEG_READER = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader";
  private static final String PNG_READER = "com.sun.imageio.plugins.png.PNGImageReader";

  static {
    ImageIO.setUseCache(false); // we decode from memory; a disk cache would only add I/O
  }

  /** A decoded image plus what the file says about how to display it. */
  public record Decoded(BufferedImage image, ICC_Profile profile, Orientation orientation, List<String> warnings) {
    public Decoded {
      warnings = List.copyOf(warnings);
    }
  }

  private final ImageReader reader;
  private ImageInputStream in; // replaced by the baseline stream when a progressive JPEG is transcoded
  private final DecodeLimits limits;
  private final Checked checked;
  private final int width;
  private final int height;
  private final int defaultType; // the reader's raster type, -1 when it names none
  private final int bytesPerDecodedPixel; // of that raster
  private final ProgressiveJpeg.Plan transcode; // a progressive JPEG to transcode to baseline in decode(), or null
  private byte[] progressive; // its bytes, until then

  /**
   * What the structure checks found before the reader sees the file.
   *
   * @param data the bytes the reader decodes (an ICC profile the reader must not apply is cut out)
   * @param jpegComponents colour components of a JPEG's frame, 0 for a PNG
   * @param embeddedProfile the profile the decoded samples are in, which the reader did not apply, or null
   * @param warnings damage accepted under {@code -lenient}, then the decoder's own warnings
   */
  private record Checked(byte[] data, Orientation orientation, int jpegComponents, byte[] embeddedProfile,
      SourceMetadata metadata, List<String> warnings) {}

  private ImageDecoder(ImageReader reader, ImageInputStream in, DecodeLimits limits, Checked checked,
      ProgressiveJpeg.Plan transcode, ImageTypeSpecifier type) throws IOException {
    this.reader = reader;
    this.in = in;
    this.limits = limits;
    this.checked = checked;
    this.width = reader.getWidth(0);
    this.height = reader.getHeight(0);
    this.transcode = transcode;
    this.progressive = transcode == null ? null : checked.data();
    this.defaultType = type == null ? -1 : type.getBufferedImageType();
    // 1 byte for 8-bit gray or palette, 2 for gray+alpha or 16-bit gray, 6 for 16-bit RGB... (a flat 4
    // counted a gray 24-MP JPEG at 192 MB, which kept a second large photo waiting under a 384 MB heap).
    this.bytesPerDecodedPixel = type == null ? 4 : Math.max(1, (type.getColorModel().getPixelSize() + 7) / 8);
  }

  /**
   * Checks the structure of {@code data} (sniffed as {@code format}) and reads its header, refusing images
   * over the limits before any pixel is allocated. The caller must {@link #close()} the result.
   */
  public static ImageDecoder open(byte[] data, ImageFormat format, DecodeLimits limits) throws ConversionException {
    return open(data, format, limits, ProgressiveJpeg.heapLimit());
  }

  /**
   * As {@link #open(byte[], ImageFormat, DecodeLimits)}; a progressive JPEG is transcoded to baseline when
   * that fits {@code transcodeHeap} bytes ({@link ProgressiveJpeg#heapLimit()}).
   */
  public static ImageDecoder open(byte[] data, ImageFormat format, DecodeLimits limits, long transcodeHeap)
      throws ConversionException {
    Checked checked = check(data, format, limits);
    ImageReader reader = reader(format == ImageFormat.JPEG ? "jpeg" : "png",
        format == ImageFormat.JPEG ? JPEG_READER : PNG_READER);
    ImageInputStream in = new ByteArrayImageInputStream(checked.data());
    try {
      reader.setInput(in, true, true);
      ProgressiveJpeg.Plan plan = format == ImageFormat.JPEG ? ProgressiveJpeg.plan(checked.data(), transcodeHeap)
          : null;
      limits.check(reader.getWidth(0), reader.getHeight(0));
      return new ImageDecoder(reader, in, limits, checked, plan, Destinations.defaultSpecifier(reader));
    } catch (ConversionException e) {
      dispose(reader, in);
      throw e;
    } catch (IOException | RuntimeException e) {
      dispose(reader, in);
      throw corrupt(e);
    }
  }

  /** The structure checks of a JPEG or PNG; damage fails here unless {@code -lenient}. */
  private static Checked check(byte[] data, ImageFormat format, DecodeLimits limits) throws ConversionException {
    List<String> warnings = new ArrayList<>();
    if (format == ImageFormat.JPEG) {
      JpegStructure s = JpegStructure.scan(data);
      damage(s.problems(), limits, warnings);
      int components = s.components();
      if (s.profileFitsComponents()) {
        // decoded natively in the profile's space, converted in place by ImageConverter (see JpegStructure)
        return new Checked(s.withoutIccProfile(data), s.orientation(), components,
            components == 3 ? s.metadata().icc() : null, s.metadata(), warnings);
      }
      return new Checked(data, s.orientation(), components, null, s.metadata(), warnings);
    }
    if (format == ImageFormat.PNG) {
      PngStructure s = PngStructure.scan(data);
      damage(s.problems(), limits, warnings);
      return new Checked(data, s.orientation(), 0, s.iccProfile(), s.metadata(), warnings);
    }
    throw new ConversionException(ErrorType.UNSUPPORTED_FORMAT, "content is " + format + ", not JPEG or PNG");
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The source's ICC, EXIF and XMP blocks as stored in the file. */
  public SourceMetadata metadata() {
    return checked.metadata();
  }

  /**
   * Heap a conversion of this image needs at its peak: the decoded raster and a normalised copy (none for
   * 8-bit RGB/RGBA, which decode straight into the encoder's layout, but gray, palette, 16-bit and CMYK
   * images need one), plus one more copy when a rotation or the JPEG reader's own colour conversion (CMYK,
   * YCCK, a profile that does not fit the components) is due, all alive at once. ICC profiles are converted in place.
   * An over-estimate serialises images needlessly: at 12 bytes per pixel for every image, two 24-MP photos
   * did not fit the budget of a 512 MB heap together, and one of two workers sat idle (measured: 6 such
   * photos took 13.0 s instead of 6.5 s). The file's bytes are counted too: they stay alive through the
   * conversion, and a large PNG's are a fair share of its raster (a 168-MP scan: 400 MB of file, 504 MB of
   * pixels).
   */
  public long estimatedHeapBytes() {
    int components = checked.jpegComponents();
    boolean readerConverts = components == 4
        || components == 3 && checked.metadata().icc() != null && checked.embeddedProfile() == null;
    boolean extraCopy = checked.orientation() != Orientation.NORMAL || readerConverts;
    int perPixel = Destinations.decodesDirectly(defaultType) ? 4 : bytesPerDecodedPixel + 4;
    long pixels = (long) width * height * (perPixel + (extraCopy ? 4 : 0));
    return checked.data().length + (transcode == null ? pixels : transcode.heapBytes(pixels));
  }

  /**
   * Decodes the pixels, in the colour space of {@link Decoded#profile()} (an RGB profile embedded in a PNG
   * or a 3-component JPEG is not applied here; {@code -metadata icc} tags the pixels with it instead).
   */
  public Decoded decode() throws ConversionException {
    List<String> decoderWarnings = new ArrayList<>();
    BufferedImage image;
    try {
      reader.addIIOReadWarningListener((source, warning) -> decoderWarnings.add(warning));
      if (progressive != null) {
        byte[] baseline = ProgressiveJpeg.toBaseline(progressive);
        progressive = null;
        if (baseline != null) { // else the reader decodes the progressive original, pass after pass
          ImageInputStream replacement = new ByteArrayImageInputStream(baseline);
          reader.setInput(replacement, true, true);
          in.close();
          in = replacement;
        }
      }
      javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
      BufferedImage destination = Destinations.rgbOrdered(defaultType, width, height);
      if (destination != null) {
        param.setDestination(destination);
      }
      image = reader.read(0, param);
    } catch (IOException | RuntimeException e) {
      throw corrupt(e);
    }
    decoderWarnings.removeIf(ImageDecoder::isInformational);
    List<String> warnings = new ArrayList<>(checked.warnings());
    damage(decoderWarnings, limits, warnings);
    return new Decoded(image, profile(image, checked.embeddedProfile()), checked.orientation(), warnings);
  }

  @Override
  public void close() {
    dispose(reader, in);
  }

  private static void dispose(ImageReader reader, ImageInputStream in) {
    reader.dispose();
    try {
      in.close();
    } catch (IOException ignored) {
      // an in-memory stream
    }
  }

  private static ConversionException corrupt(Exception e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError oom) {
        throw oom; // the PNG reader wraps it in an IIOException; it is a lack of heap, not damage
      }
    }
    if (e instanceof IIOException) {
      return new ConversionException(ErrorType.CORRUPT_INPUT, describe(e), e);
    }
    // ImageIO readers signal damaged data with assorted runtime exceptions (AIOOBE, NegativeArraySize…).
    return new ConversionException(ErrorType.CORRUPT_INPUT, "decoder failed: " + describe(e), e);
  }

  /** Strict mode fails on the first problem; lenient mode keeps them as warnings. */
  private static void damage(List<String> problems, DecodeLimits limits, List<String> warnings)
      throws ConversionException {
    if (problems.isEmpty()) {
      return;
    }
    if (!limits.lenient()) {
      throw new ConversionException(ErrorType.CORRUPT_INPUT, problems.get(0) + " (-lenient converts it anyway)");
    }
    warnings.addAll(problems);
  }

  /**
   * TwelveMonkeys warns "No embedded ICC color profile, will convert using inaccurate CMYK to RGB
   * conversion" for every profile-less CMYK/YCCK JPEG; that describes its default, not damage (its
   * generic CMYK conversion matches ImageMagick's within 1 level on the corpus).
   */
  private static boolean isInformational(String warning) {
    return warning.contains("ICC") || warning.contains("color profile");
  }

  /** The profile the decoded samples are in: the embedded one the reader did not apply, or the reader's. */
  private static ICC_Profile profile(BufferedImage image, byte[] embeddedProfile) {
    if (embeddedProfile != null) {
      try {
        return ICC_Profile.getInstance(embeddedProfile);
      } catch (IllegalArgumentException e) {
        return null; // an unusable profile: browsers then show the pixels as sRGB, and so do we
      }
    }
    if (image.getColorModel().getColorSpace() instanceof ICC_ColorSpace ics && !ics.isCS_sRGB()) {
      return ics.getProfile();
    }
    return null;
  }

  private static ImageReader reader(String formatName, String className) {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName);
    while (it.hasNext()) {
      ImageReader r = it.next();
      if (r.getClass().getName().equals(className)) {
        return r;
      }
      r.dispose();
    }
    throw new IllegalStateException("ImageIO reader " + className + " is not on the class path");
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && (msg == null || !msg.contains(cause.getMessage()))) {
      msg = (msg == null ? "" : msg + ": ") + cause.getMessage();
    }
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg.replace('\n', ' ').strip();
  }
}
