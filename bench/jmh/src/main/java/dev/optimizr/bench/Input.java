package dev.optimizr.bench;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.ImageDecoder;
import dev.optimizr.codec.ImageFormat;
import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The benchmark inputs, one per kind of source optimizr meets: each a 2-MP file generated from the same
 * seeded photo. Immutable; {@link #file()} builds the bytes on each call, so call it in a {@code @Setup}.
 */
public enum Input {
  /** Photo as a JPEG at quality 90 (the most common source). */
  JPEG_RGB(ImageFormat.JPEG, SyntheticImages::photo),
  /** Photo with a smooth alpha channel, as 8-bit RGBA PNG. */
  PNG_RGBA(ImageFormat.PNG, SyntheticImages::photoWithAlpha),
  /** The photo's luma as 8-bit gray PNG. */
  PNG_GRAY(ImageFormat.PNG, SyntheticImages::gray),
  /** The photo quantised to a 256-colour palette PNG. */
  PNG_PALETTE(ImageFormat.PNG, SyntheticImages::palette);

  static final DecodeLimits LIMITS = new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false);
  static final float JPEG_QUALITY = 0.9f;

  private final ImageFormat format;
  private final Generator image;

  /** How an input's image is drawn: {@code (width, height, seed) -> image}. */
  @FunctionalInterface
  private interface Generator {
    BufferedImage make(int width, int height, long seed);
  }

  Input(ImageFormat format, Generator image) {
    this.format = format;
    this.image = image;
  }

  ImageFormat format() {
    return format;
  }

  /** The encoded source file. */
  byte[] file() {
    BufferedImage img = image.make(SyntheticImages.WIDTH, SyntheticImages.HEIGHT, SyntheticImages.SEED);
    return format == ImageFormat.JPEG ? SyntheticImages.jpeg(img, JPEG_QUALITY) : SyntheticImages.png(img);
  }

  /** Decodes {@code file} as optimizr does; for set-ups that need a decoded image. */
  BufferedImage decode(byte[] file) throws ConversionException {
    try (ImageDecoder d = ImageDecoder.open(file, format, LIMITS)) {
      return d.decode().image();
    }
  }

  /** The pixels optimizr would hand to the encoder for {@code file} (no profile, no orientation). */
  Pixels pixels(byte[] file) throws ConversionException {
    return PixelNormalizer.toPixels(decode(file));
  }

  /** One line for the benchmark log: what was generated and what the decoder made of it. */
  String describe(byte[] file, BufferedImage decoded) {
    return String.format(Locale.ROOT, "%s: %,d bytes, decoded as BufferedImage type %d, %s", this, file.length,
        decoded.getType(), decoded.getColorModel().getClass().getSimpleName());
  }
}
