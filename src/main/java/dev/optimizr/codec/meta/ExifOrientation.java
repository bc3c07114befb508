package dev.optimizr.codec.meta;

import dev.optimizr.codec.pixels.Orientation;

/**
 * Reads the EXIF Orientation tag (0x0112) from a TIFF-structured EXIF blob. Stateless and thread-safe.
 *
 * <p>Values outside 1–8 (0 is common in the wild) mean "no rotation", as browsers treat them.
 */
public final class ExifOrientation {
  /** Orientation 1: stored pixels are already upright. */
  public static final int NORMAL = 1;

  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;

  private ExifOrientation() {}

  /**
   * Returns the orientation stored in {@code tiff[offset, offset+length)} (the bytes after "Exif\0\0"),
   * or {@link #NORMAL} when there is none or the blob is malformed.
   */
  public static int read(byte[] tiff, int offset, int length) {
    int end = offset + length;
    if (length < 8 || end > tiff.length) {
      return NORMAL;
    }
    boolean little;
    if (tiff[offset] == 'I' && tiff[offset + 1] == 'I') {
      little = true;
    } else if (tiff[offset] == 'M' && tiff[offset + 1] == 'M') {
      little = false;
    } else {
      return NORMAL;
    }
    if (u16(tiff, offset + 2, little) != 42) {
      return NORMAL;
    }
    long ifd = u32(tiff, offset + 4, little);
    if (ifd < 8 || ifd > length - 2) {
      return NORMAL;
    }
    int pos = offset + (int) ifd;
    int count = u16(tiff, pos, little);
    pos += 2;
    for (int i = 0; i < count && pos + 12 <= end; i++, pos += 12) {
      if (u16(tiff, pos, little) == TAG_ORIENTATION && u16(tiff, pos + 2, little) == TYPE_SHORT) {
        int value = u16(tiff, pos + 8, little); // a SHORT value sits left-justified in the 4-byte field
        return value >= 1 && value <= 8 ? value : NORMAL;
      }
    }
    return NORMAL;
  }

  /** True when the orientation swaps width and height (5–8 transpose the image). */
  public static boolean swapsAxes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** An unsigned 16-bit TIFF value at {@code p}. */
  static int u16(byte[] b, int p, boolean little) {
    int a = b[p] & 0xFF;
    int c = b[p + 1] & 0xFF;
    return little ? (c << 8) | a : (a << 8) | c;
  }

  /** An unsigned 32-bit TIFF value at {@code p}. */
  static long u32(byte[] b, int p, boolean little) {
    long hi = u16(b, little ? p + 2 : p, little);
    long lo = u16(b, little ? p : p + 2, little);
    return (hi << 16) | lo;
  }
}
