package dev.optimizr.codec.meta;

/**
 * The first IFD of a TIFF-structured EXIF blob (the bytes after "Exif\0\0"): its byte order and the position
 * of each 12-byte entry, for reading and rewriting tags in place. Immutable; the bytes are not copied.
 */
final class TiffIfd0 {
  private final byte[] b;
  private final boolean little;
  private final int first;
  private final int count;

  private TiffIfd0(byte[] b, boolean little, int first, int count) {
    this.b = b;
    this.little = little;
    this.first = first;
    this.count = count;
  }

  /** The IFD0 of {@code b[offset, offset+length)}, or null when the header or the IFD offset is malformed. */
  static TiffIfd0 parse(byte[] b, int offset, int length) {
    int end = offset + length;
    if (length < 8 || end > b.length) {
      return null;
    }
    boolean little;
    if (b[offset] == 'I' && b[offset + 1] == 'I') {
      little = true;
    } else if (b[offset] == 'M' && b[offset + 1] == 'M') {
      little = false;
    } else {
      return null;
    }
    if (u16(b, offset + 2, little) != 42) {
      return null;
    }
    long ifd = u32(b, offset + 4, little);
    if (ifd < 8 || ifd > length - 2) {
      return null;
    }
    int pos = offset + (int) ifd;
    // Entries cut off by the end of the blob are not there.
    int count = Math.min(u16(b, pos, little), (end - pos - 2) / 12);
    return new TiffIfd0(b, little, pos + 2, Math.max(count, 0));
  }

  /** Number of complete entries. */
  int count() {
    return count;
  }

  /** Byte position of entry {@code i} (its tag), 0 ≤ i < {@link #count()}. */
  int entry(int i) {
    return first + 12 * i;
  }

  /** The unsigned 16-bit value at byte {@code p}, in the blob's byte order. */
  int u16(int p) {
    return u16(b, p, little);
  }

  /** Writes a 16-bit value at byte {@code p} of {@code into} (the blob or a copy), in the blob's byte order. */
  void put16(byte[] into, int p, int v) {
    into[p] = (byte) (little ? v : v >> 8);
    into[p + 1] = (byte) (little ? v >> 8 : v);
  }

  /** Writes a 32-bit value at byte {@code p} of {@code into}, in the blob's byte order. */
  void put32(byte[] into, int p, int v) {
    put16(into, little ? p : p + 2, v & 0xFFFF);
    put16(into, little ? p + 2 : p, v >>> 16);
  }

  private static int u16(byte[] b, int p, boolean little) {
    int a = b[p] & 0xFF;
    int c = b[p + 1] & 0xFF;
    return little ? (c << 8) | a : (a << 8) | c;
  }

  private static long u32(byte[] b, int p, boolean little) {
    long hi = u16(b, little ? p + 2 : p, little);
    long lo = u16(b, little ? p : p + 2, little);
    return (hi << 16) | lo;
  }
}
