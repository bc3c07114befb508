package dev.optimizr.codec.meta;

/**
 * The EXIF Orientation tag (0x0112): read from a TIFF-structured EXIF blob, and rewritten as upright in a copy
 * of one. optimizr rotates the pixels itself; a copied Orientation of 6 would make viewers rotate the
 * already-upright pixels a second time. Stateless and thread-safe.
 */
public final class ExifOrientation {
  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;

  private ExifOrientation() {}

  /**
   * Returns the orientation stored in {@code tiff[offset, offset+length)} (the bytes after "Exif\0\0"),
   * or {@link Orientation#NORMAL} when there is none or the blob is malformed.
   */
  public static Orientation read(byte[] tiff, int offset, int length) {
    TiffIfd0 ifd = TiffIfd0.parse(tiff, offset, length);
    for (int i = 0; ifd != null && i < ifd.count(); i++) {
      int pos = ifd.entry(i);
      if (ifd.u16(pos) == TAG_ORIENTATION && ifd.u16(pos + 2) == TYPE_SHORT) {
        return Orientation.ofExif(ifd.u16(pos + 8)); // a SHORT value sits left-justified in the 4-byte field
      }
    }
    return Orientation.NORMAL;
  }

  /**
   * Returns a copy of {@code tiff} whose IFD0 Orientation, if present, is 1 (SHORT); null when the structure
   * cannot be parsed, because an EXIF block whose orientation we cannot vouch for is better dropped.
   */
  public static byte[] withUprightOrientation(byte[] tiff) {
    TiffIfd0 ifd = tiff == null ? null : TiffIfd0.parse(tiff, 0, tiff.length);
    if (ifd == null) {
      return null;
    }
    byte[] out = tiff.clone();
    for (int i = 0; i < ifd.count(); i++) {
      int pos = ifd.entry(i);
      if (ifd.u16(pos) == TAG_ORIENTATION) {
        ifd.put16(out, pos + 2, TYPE_SHORT);
        ifd.put32(out, pos + 4, 1); // count
        ifd.put32(out, pos + 8, 0);
        ifd.put16(out, pos + 8, Orientation.NORMAL.exifValue()); // a SHORT sits left-justified in the field
      }
    }
    return out;
  }
}
