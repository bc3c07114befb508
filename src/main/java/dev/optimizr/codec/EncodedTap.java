package dev.optimizr.codec;

import dev.optimizr.codec.pixels.Pixels;

/**
 * Shown the pixels that were encoded (after orientation, colour conversion and resizing) and the WebP made of
 * them, once the output is written: how the quality audit sees a sampled image. Called on the converting thread,
 * while the image's memory permit is still held; {@link #NONE} keeps nothing, so unsampled images cost nothing.
 */
@FunctionalInterface
public interface EncodedTap {
  /** A tap that looks at nothing. */
  EncodedTap NONE = (px, webp, format) -> { };

  /** {@code webp} is the file's content; {@code px} must not be modified. */
  void encoded(Pixels px, byte[] webp, ImageFormat format);
}
