package dev.optimizr.codec.jpeg.progressive;

import dev.optimizr.codec.jpeg.progressive.JpegHuffman.Unsupported;

/**
 * Entropy-decodes the scans of a progressive Huffman JPEG into DCT coefficients (ITU T.81 G.1.2), step
 * for step as libjpeg's jdphuff.c does. Where libjpeg would warn and guess (a bad code, data running into
 * a marker, a coefficient outside the band), this decoder gives up instead, so that the JDK's own reader
 * handles that file exactly as before. Coefficients are stored in zigzag order (the order a baseline scan
 * writes them in), 64 per block, with a mask per block of the AC coefficients made nonzero, so that the
 * baseline writer need not look at the others. One instance per scan; not thread-safe.
 */
final class JpegScanDecoder {
  private final byte[] d;
  private int pos;
  private long acc;
  private int bits; // valid bits in acc, counted from the low end
  private int fakeBits; // zero bits appended after a marker was reached: consuming any means damage
  private int eobrun;

  JpegScanDecoder(byte[] data, int start) {
    this.d = data;
    this.pos = start;
  }

  /** Where the bytes of this scan end: the marker that follows it (after {@link #finish}). */
  int position() {
    return pos;
  }

  private void fill() {
    while (bits <= 56) {
      int b = 0;
      if (fakeBits == 0 && pos < d.length) {
        b = d[pos] & 0xFF;
        if (b == 0xFF) {
          if (pos + 1 < d.length && d[pos + 1] == 0) {
            pos += 2; // a stuffed FF
          } else {
            b = 0; // a marker: leave pos on it and append zeros, as libjpeg does
            fakeBits += 8;
          }
        } else {
          pos++;
        }
      } else {
        fakeBits += 8;
      }
      acc = (acc << 8) | b;
      bits += 8;
    }
  }

  private int peek16() {
    if (bits < 16) {
      fill();
    }
    return (int) (acc >>> (bits - 16)) & 0xFFFF;
  }

  private int get(int n) {
    if (n == 0) {
      return 0;
    }
    if (bits < n) {
      fill();
    }
    bits -= n;
    return (int) (acc >>> bits) & ((1 << n) - 1);
  }

  private int bit() {
    if (bits == 0) {
      fill();
    }
    return (int) (acc >>> --bits) & 1;
  }

  private int decode(JpegHuffman.Table t) throws Unsupported {
    int look = peek16();
    int e = t.fast[look >>> 8];
    if (e != 0) {
      bits -= e >>> 8;
      return e & 0xFF;
    }
    for (int l = 9; l <= 16; l++) {
      int code = look >>> (16 - l);
      if (code <= t.maxcode[l]) {
        bits -= l;
        return t.values[code + t.valoffset[l]];
      }
    }
    throw new Unsupported("bad Huffman code");
  }

  private static int extend(int v, int s) {
    return v < 1 << (s - 1) ? v + (-1 << s) + 1 : v;
  }

  /**
   * Checks that the scan or restart interval ended cleanly: no appended zero was consumed and fewer than 8
   * real bits (the padding) are left. Then drops the padding.
   */
  private void endOfSegment() throws Unsupported {
    int real = bits - fakeBits;
    if (real < 0 || real >= 8) {
      throw new Unsupported(real < 0 ? "scan data runs into a marker" : "extra data before a marker");
    }
    acc = 0;
    bits = 0;
    fakeBits = 0;
  }

  /** At a restart interval's end: the marker RSTn must follow; DC predictions and EOB runs start over. */
  void restart(int n, int[] pred) throws Unsupported {
    endOfSegment();
    if (pos + 1 >= d.length || (d[pos] & 0xFF) != 0xFF || (d[pos + 1] & 0xFF) != 0xD0 + (n & 7)) {
      throw new Unsupported("restart marker missing");
    }
    pos += 2;
    java.util.Arrays.fill(pred, 0);
    eobrun = 0;
  }

  /** At the end of the scan; {@link #position()} is then at the next marker. */
  void finish() throws Unsupported {
    endOfSegment();
  }

  void dcFirst(short[] c, int at, JpegHuffman.Table t, int al, int[] pred, int ci) throws Unsupported {
    int s = decode(t);
    int diff = s == 0 ? 0 : extend(get(s), s);
    long v = (long) pred[ci] + diff;
    if (v != (int) v) {
      throw new Unsupported("DC value overflows"); // libjpeg: JERR_BAD_DCT_COEF
    }
    pred[ci] = (int) v;
    c[at] = (short) (pred[ci] << al);
  }

  void dcRefine(short[] c, int at, int al) {
    if (bit() != 0) {
      c[at] |= (short) (1 << al);
    }
  }

  void acFirst(short[] c, long[] nonzero, int at, JpegHuffman.Table t, int ss, int se, int al)
      throws Unsupported {
    if (eobrun > 0) {
      eobrun--;
      return;
    }
    for (int k = ss; k <= se; k++) {
      int rs = decode(t);
      int r = rs >> 4;
      int s = rs & 15;
      if (s != 0) {
        k += r;
        if (k > se) {
          throw new Unsupported("coefficient outside the band");
        }
        short v = (short) (extend(get(s), s) << al);
        c[at + k] = v;
        nonzero[at >> 6] = v != 0 ? nonzero[at >> 6] | 1L << k : nonzero[at >> 6] & ~(1L << k);
      } else if (r == 15) {
        k += 15;
      } else {
        eobrun = (1 << r) - 1 + get(r);
        break;
      }
    }
  }

  void acRefine(short[] c, long[] nonzero, int at, JpegHuffman.Table t, int ss, int se, int al)
      throws Unsupported {
    int p1 = 1 << al;
    int m1 = -1 << al;
    int block = at >> 6;
    int k = ss;
    if (eobrun == 0) {
      for (; k <= se; k++) {
        int rs = decode(t);
        int r = rs >> 4;
        int s = rs & 15;
        if (s != 0) {
          if (s != 1) {
            throw new Unsupported("bad refinement code"); // libjpeg: JWRN_HUFF_BAD_CODE
          }
          s = bit() != 0 ? p1 : m1;
        } else if (r != 15) {
          eobrun = (1 << r) + get(r);
          break;
        }
        // Pass r zero coefficients and stop on the next one, refining every nonzero one on the way: libjpeg's
        // loop over each position, done on the masks.
        long band = range(k, se);
        long zeros = ~nonzero[block] & band;
        for (int i = 0; i < r && zeros != 0; i++) {
          zeros &= zeros - 1;
        }
        int target = zeros == 0 ? se + 1 : Long.numberOfTrailingZeros(zeros);
        refineAll(c, at, nonzero[block] & band & (target == 64 ? -1L : (1L << target) - 1), p1, m1);
        k = target;
        if (s != 0) {
          if (k > se) {
            throw new Unsupported("coefficient outside the band");
          }
          c[at + k] = (short) s;
          nonzero[block] |= 1L << k;
        }
      }
    }
    if (eobrun > 0) {
      if (k <= se) {
        refineAll(c, at, nonzero[block] & range(k, se), p1, m1);
      }
      eobrun--;
    }
  }

  /** Bits {@code from} to {@code to} (inclusive, 0–63). */
  private static long range(int from, int to) {
    return (-1L << from) & (-1L >>> (63 - to));
  }

  /**
   * Reads a correction bit for each coefficient in {@code mask}, in zigzag order: up to 24 bits at a time
   * (one {@link #get} instead of one {@link #bit} per coefficient; the order of the bits is the same).
   */
  private void refineAll(short[] c, int at, long mask, int p1, int m1) {
    while (mask != 0) {
      int n = Math.min(Long.bitCount(mask), 24);
      int corrections = get(n);
      for (int i = n - 1; i >= 0; i--) {
        int k = at + Long.numberOfTrailingZeros(mask);
        mask &= mask - 1;
        if ((corrections >>> i & 1) != 0 && (c[k] & p1) == 0) {
          c[k] = (short) (c[k] >= 0 ? c[k] + p1 : c[k] + m1);
        }
      }
    }
  }
}
