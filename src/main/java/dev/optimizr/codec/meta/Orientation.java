package dev.optimizr.codec.meta;

/**
 * The EXIF orientation of stored pixels (TIFF tag 0x0112, values 1–8 in declaration order): how to turn them
 * to display them upright.
 */
public enum Orientation {
  /** 1: already upright. */
  NORMAL,
  /** 2: mirrored left to right. */
  FLIP_HORIZONTAL,
  /** 3: upside down. */
  ROTATE_180,
  /** 4: mirrored top to bottom. */
  FLIP_VERTICAL,
  /** 5: mirrored along the top-left to bottom-right diagonal. */
  TRANSPOSE,
  /** 6: must be turned 90° clockwise. */
  ROTATE_90,
  /** 7: mirrored along the top-right to bottom-left diagonal. */
  TRANSVERSE,
  /** 8: must be turned 90° counter-clockwise. */
  ROTATE_270;

  /**
   * The orientation of an EXIF value; values outside 1–8 (0 is common in the wild) mean no rotation, as
   * browsers treat them.
   */
  public static Orientation ofExif(int value) {
    return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
  }

  /** The EXIF value, 1–8. */
  public int exifValue() {
    return ordinal() + 1;
  }

  /** True when width and height trade places (5–8 transpose the image). */
  public boolean swapsAxes() {
    return ordinal() >= TRANSPOSE.ordinal();
  }
}
