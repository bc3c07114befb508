package dev.optimizr.codec;

/** How PNG sources are encoded ({@code -png}). */
public enum PngMode {
  /** Graphics (see {@link GraphicsDetector}) lossless when that is smaller than lossy; photos lossy. */
  AUTO,
  /** Every PNG lossy, like JPEGs. */
  LOSSY,
  /** Every PNG lossless. */
  LOSSLESS
}
