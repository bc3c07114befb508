package dev.optimizr.codec.jpeg.progressive;

/**
 * Huffman tables of a JPEG (ITU T.81 Annex C and K.2): decoding tables built from a DHT segment, and
 * optimal tables for re-encoding built from symbol counts, both as libjpeg builds them. Immutable once
 * built; {@link Decoder} instances are not thread-safe.
 */
final class JpegHuffman {
  private JpegHuffman() {}

  /** A table as DHT stores it: {@code bits[l]} codes of length l (1–16), then the symbols in code order. */
  record Spec(int[] bits, int[] values) {}

  /** Thrown for anything the transcoder does not handle exactly as libjpeg would; the caller falls back. */
  static final class Unsupported extends Exception {
    Unsupported(String why) {
      super(why, null, false, false);
    }
  }

  /** Parses a DHT segment's tables ({@code p} to {@code end}) into {@code dc} and {@code ac} by number. */
  static void define(byte[] d, int p, int end, Table[] dc, Table[] ac) throws Unsupported {
    while (p < end) {
      int tc = (d[p] & 0xFF) >> 4;
      int th = d[p] & 0x0F;
      if (tc > 1 || th > 3 || p + 17 > end) {
        throw new Unsupported("bad DHT");
      }
      int[] bits = new int[17];
      int count = 0;
      for (int l = 1; l <= 16; l++) {
        bits[l] = d[p + l] & 0xFF;
        count += bits[l];
      }
      if (p + 17 + count > end) {
        throw new Unsupported("bad DHT");
      }
      int[] values = new int[count];
      for (int i = 0; i < count; i++) {
        values[i] = d[p + 17 + i] & 0xFF;
      }
      (tc == 0 ? dc : ac)[th] = new Table(new Spec(bits, values), tc == 0);
      p += 17 + count;
    }
  }

  /** Canonical code lengths and codes of a table, indexed by symbol (length 0: symbol not in the table). */
  static int[][] codes(Spec spec) throws Unsupported {
    int[] length = new int[256];
    int[] code = new int[256];
    int c = 0;
    int k = 0;
    for (int l = 1; l <= 16; l++) {
      for (int i = 0; i < spec.bits()[l]; i++, k++) {
        int symbol = spec.values()[k];
        length[symbol] = l;
        code[symbol] = c++;
      }
      // libjpeg (jpeg_make_d_derived_tbl): no code may be all ones, so c must still fit in l bits
      if (k > 0 && c >= 1 << l) {
        throw new Unsupported("bad Huffman table");
      }
      c <<= 1;
    }
    return new int[][] {length, code};
  }

  /** Decoding lookups for one table: an 8-bit fast path, then libjpeg's maxcode search. */
  static final class Table {
    final int[] fast = new int[256]; // (length << 8) | symbol for codes of up to 8 bits; 0 for longer ones
    final int[] maxcode = new int[18];
    final int[] valoffset = new int[17];
    final int[] values;

    Table(Spec spec, boolean dc) throws Unsupported {
      values = spec.values();
      int count = 0;
      for (int l = 1; l <= 16; l++) {
        count += spec.bits()[l];
      }
      if (count > 256 || count != values.length) {
        throw new Unsupported("bad Huffman table");
      }
      for (int v : values) {
        if (dc && v > 15) {
          throw new Unsupported("bad DC Huffman table");
        }
      }
      codes(spec); // validates
      int code = 0;
      int p = 0;
      for (int l = 1; l <= 16; l++) {
        int n = spec.bits()[l];
        if (n == 0) {
          maxcode[l] = -1;
        } else {
          valoffset[l] = p - code;
          for (int i = 0; i < n; i++, p++, code++) {
            if (l <= 8) {
              int first = code << (8 - l);
              for (int j = 0; j < 1 << (8 - l); j++) {
                fast[first + j] = (l << 8) | values[p];
              }
            }
          }
          maxcode[l] = code - 1;
        }
        code <<= 1;
      }
      maxcode[17] = Integer.MAX_VALUE;
    }
  }

  /**
   * The optimal table for {@code freq} (257 entries; freq[256] is reserved), libjpeg's
   * jpeg_gen_optimal_table: Huffman's algorithm, lengths capped at 16 (K.3), no all-ones code.
   */
  static Spec optimal(long[] counts) throws Unsupported {
    long[] freq = counts.clone();
    freq[256] = 1; // the pseudo-symbol takes the all-ones code of the longest length
    int[] codesize = new int[257];
    int[] others = new int[257];
    java.util.Arrays.fill(others, -1);
    while (true) {
      int c1 = smallest(freq, -1);
      int c2 = smallest(freq, c1);
      if (c2 < 0) {
        break;
      }
      freq[c1] += freq[c2];
      freq[c2] = 0;
      codesize[c1]++;
      while (others[c1] >= 0) {
        c1 = others[c1];
        codesize[c1]++;
      }
      others[c1] = c2;
      codesize[c2]++;
      while (others[c2] >= 0) {
        c2 = others[c2];
        codesize[c2]++;
      }
    }
    int[] bits = new int[33];
    for (int i = 0; i <= 256; i++) {
      if (codesize[i] > 32) {
        throw new Unsupported("Huffman code longer than 32 bits"); // libjpeg: JERR_HUFF_CLEN_OVERFLOW
      }
      bits[codesize[i]]++;
    }
    bits[0] = 0;
    int i = 32;
    for (; i > 16; i--) {
      while (bits[i] > 0) {
        int j = i - 2;
        while (bits[j] == 0) {
          j--;
        }
        bits[i] -= 2;
        bits[i - 1]++;
        bits[j + 1] += 2;
        bits[j]--;
      }
    }
    while (bits[i] == 0) {
      i--;
    }
    bits[i]--; // drop the pseudo-symbol
    int n = 0;
    int[] values = new int[256];
    for (int l = 1; l <= 32; l++) {
      for (int s = 0; s < 256; s++) {
        if (codesize[s] == l) {
          values[n++] = s;
        }
      }
    }
    return new Spec(java.util.Arrays.copyOf(bits, 17), java.util.Arrays.copyOf(values, n));
  }

  /** The symbol with the smallest nonzero count other than {@code except}; ties go to the larger symbol. */
  private static int smallest(long[] freq, int except) {
    int best = -1;
    long v = Long.MAX_VALUE;
    for (int i = 0; i < freq.length; i++) {
      if (freq[i] != 0 && freq[i] <= v && i != except) {
        v = freq[i];
        best = i;
      }
    }
    return best;
  }
}
