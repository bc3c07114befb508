package dev.optimizr.codec.jpeg.progressive;

import dev.optimizr.codec.jpeg.progressive.JpegHuffman.Unsupported;

/** Walking a JPEG's marker segments for {@link ProgressiveJpeg}. Stateless. */
final class JpegSegments {
  private JpegSegments() {}

  /**
   * The index of the marker byte of the marker at {@code pos} (an FF, then any fill FFs). A standalone
   * marker other than EOI (SOI, TEM, RSTn) where a segment should start is refused.
   */
  static int marker(byte[] d, int pos) throws Unsupported {
    if (pos >= d.length || (d[pos] & 0xFF) != 0xFF) {
      throw new Unsupported("no marker at byte " + pos);
    }
    while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
      pos++;
    }
    if (pos >= d.length) {
      throw new Unsupported("truncated");
    }
    int m = d[pos] & 0xFF;
    if (m == 0x00 || m == 0x01 || m >= 0xD0 && m <= 0xD8) {
      throw new Unsupported("unexpected marker");
    }
    return pos;
  }

  /** The length field of the segment whose marker byte is at {@code at}, checked against the data. */
  static int length(byte[] d, int at) throws Unsupported {
    if (at + 2 >= d.length) {
      throw new Unsupported("truncated");
    }
    int length = ((d[at + 1] & 0xFF) << 8) | (d[at + 2] & 0xFF);
    if (length < 2 || at + 1 + length > d.length) {
      throw new Unsupported("bad segment length");
    }
    return length;
  }
}
