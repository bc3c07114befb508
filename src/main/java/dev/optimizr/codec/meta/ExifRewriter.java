package dev.optimizr.codec.meta;

import dev.optimizr.codec.pixels.Orientation;

/**
 * Rewrites an EXIF TIFF structure so that its Orientation tag says 1 (upright). optimizr rotates the pixels
 * itself; a copied Orientation of 6 would make viewers rotate the already-upright pixels a second time.
 * Stateless and thread-safe.
 */
public final class ExifRewriter {
  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;

  private ExifRewriter() {}

  /**
   * Returns a copy of {@code tiff} whose IFD0 Orientation, if present, is 1 (SHORT); null when the structure
   * cannot be parsed, because an EXIF block whose orientation we cannot vouch for is better dropped.
   */
  public static byte[] withUprightOrientation(byte[] tiff) {
    if (tiff == null || tiff.length < 8) {
      return null;
    }
    boolean little;
    if (tiff[0] == 'I' && tiff[1] == 'I') {
      little = true;
    } else if (tiff[0] == 'M' && tiff[1] == 'M') {
      little = false;
    } else {
      return null;
    }
    if (ExifOrientation.u16(tiff, 2, little) != 42) {
      return null;
    }
    long ifd = ExifOrientation.u32(tiff, 4, little);
    if (ifd < 8 || ifd > tiff.length - 2L) {
      return null;
    }
    byte[] out = tiff.clone();
    int pos = (int) ifd;
    int count = ExifOrientation.u16(out, pos, little);
    pos += 2;
    for (int i = 0; i < count && pos + 12 <= out.length; i++, pos += 12) {
      if (ExifOrientation.u16(out, pos, little) == TAG_ORIENTATION) {
        put16(out, pos + 2, TYPE_SHORT, little);
        put32(out, pos + 4, 1, little); // count
        put32(out, pos + 8, 0, little);
        put16(out, pos + 8, ExifOrientation.NORMAL, little); // a SHORT sits left-justified in the value field
      }
    }
    return out;
  }

  private static void put32(byte[] b, int p, int v, boolean little) {
    put16(b, little ? p : p + 2, v & 0xFFFF, little);
    put16(b, little ? p + 2 : p, v >>> 16, little);
  }

  private static void put16(byte[] b, int p, int v, boolean little) {
    b[p] = (byte) (little ? v : v >> 8);
    b[p + 1] = (byte) (little ? v >> 8 : v);
  }
}
