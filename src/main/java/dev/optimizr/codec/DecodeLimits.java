package dev.optimizr.codec;

import java.util.Locale;

/**
 * What the decoder refuses before allocating pixels, and whether damaged files are converted anyway.
 *
 * @param maxPixels largest accepted width × height (decompression-bomb guard)
 * @param lenient convert damaged files (truncated, CRC errors) with a warning instead of failing them
 */
public record DecodeLimits(long maxPixels, boolean lenient) {
  /** libwebp stores each side in 14 bits. */
  public static final int WEBP_MAX_SIDE = 16383;

  /**
   * The default {@code -max-pixels}: the largest image WebP can hold (16383 × 16383, 268 MP). What runs
   * together, alone or not at all is decided by memory admission, not by this limit.
   */
  public static final long DEFAULT_MAX_PIXELS = (long) WEBP_MAX_SIDE * WEBP_MAX_SIDE;

  public DecodeLimits {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("-max-pixels must be at least 1, got " + maxPixels);
    }
  }

  /** Fails with {@link ErrorType#TOO_LARGE} when a header's dimensions exceed WebP or the pixel limit. */
  public void check(int width, int height) throws ConversionException {
    if (width <= 0 || height <= 0) {
      throw new ConversionException(ErrorType.CORRUPT_INPUT, "invalid dimensions " + width + "x" + height);
    }
    if (width > WEBP_MAX_SIDE || height > WEBP_MAX_SIDE) {
      throw new ConversionException(ErrorType.TOO_LARGE, String.format(Locale.ROOT,
          "%dx%d px exceeds WebP's limit of %d px per side", width, height, WEBP_MAX_SIDE));
    }
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new ConversionException(ErrorType.TOO_LARGE, String.format(Locale.ROOT,
          "%dx%d px (%.1f MP) exceeds the -max-pixels limit of %.1f MP", width, height, pixels / 1e6,
          maxPixels / 1e6));
    }
  }
}
