package dev.optimizr.codec;

import dev.optimizr.codec.quality.GraphicsDetector;

/** How PNG sources are encoded ({@code -png}). */
public enum PngMode {
  /** Lossy, and also lossless when {@link GraphicsDetector} expects it may be smaller: the smaller is kept. */
  AUTO,
  /** Every PNG lossy, like JPEGs. */
  LOSSY,
  /** Every PNG lossless. */
  LOSSLESS
}
