package dev.optimizr.codec;

/** The steps of one conversion, in order; {@link StageClock} is told when each ends. */
public enum Stage {
  /** Reading the source file into memory. */
  READ,
  /** Structure checks and ImageIO decoding. */
  DECODE,
  /** Pixel layout, ICC-to-sRGB conversion and EXIF orientation. */
  NORMALISE,
  /** libwebp encoding. */
  ENCODE,
  /** Writing the temp file, fsync and rename. */
  WRITE
}
