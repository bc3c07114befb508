/**
 * Turns one image file into one WebP file: sniff, decode with an explicitly chosen ImageIO reader,
 * normalise pixels (orientation, colour, alpha, bit depth), encode with libwebp, write atomically.
 * No threads and no metrics live here; every failure is a {@link dev.optimizr.codec.ConversionException}
 * carrying an {@link dev.optimizr.codec.ErrorType}.
 */
package dev.optimizr.codec;
