package dev.optimizr.codec.jpeg.progressive;

import dev.optimizr.codec.jpeg.progressive.JpegHuffman.Unsupported;
import java.util.Arrays;

/**
 * Writes DCT coefficients as the entropy-coded data of one baseline scan (ITU T.81 F.1.2) with Huffman
 * tables made for them: a first pass counts the symbols, a second emits the codes. Table 0 codes the first
 * component, table 1 the others, as libjpeg does. Not thread-safe: one instance per image.
 */
final class BaselineJpegWriter {
  private static final int SAMPLED_ROWS = 8;
  private final JpegFrame frame;
  private final short[][] coefs;
  private final long[][] nonzero;
  private final long[][] dcCount = new long[2][257];
  private final long[][] acCount = new long[2][257];
  private final int[][][] dcCodes = new int[2][][];
  private final int[][][] acCodes = new int[2][][];
  private boolean counting;
  private byte[] out;
  private int size;
  private long acc;
  private int bits;

  BaselineJpegWriter(JpegFrame frame, short[][] coefs, long[][] nonzero) {
    this.frame = frame;
    this.coefs = coefs;
    this.nonzero = nonzero;
  }

  /**
   * Counts the symbols of every {@value #SAMPLED_ROWS}th row of MCUs, with every symbol 8-bit data can
   * have counted once more so that each has a code, and builds the two table pairs from that; returns their DHT segment. (Counting
   * every block made the transcoder a third slower; the sampled tables cost about 1 % in stream size.)
   */
  byte[] tables() throws Unsupported {
    counting = true;
    for (int t = 0; t < 2; t++) {
      for (int size = 0; size <= 11; size++) {
        dcCount[t][size] = 1; // the 12 DC categories of 8-bit data
      }
      acCount[t][0x00] = 1;
      acCount[t][0xF0] = 1;
      for (int run = 0; run < 16; run++) {
        for (int size = 1; size <= 10; size++) {
          acCount[t][run << 4 | size] = 1; // the 162 AC symbols of 8-bit data (ITU T.81 Table K.5)
        }
      }
    }
    blocks();
    byte[] dht = new byte[4 + 2 * 2 * (1 + 16 + 256)];
    int n = 4;
    for (int t = 0; t < 2; t++) {
      for (int ac = 0; ac < 2; ac++) {
        JpegHuffman.Spec spec = JpegHuffman.optimal(ac == 0 ? dcCount[t] : acCount[t]);
        if (spec.values().length > 200) {
          // TwelveMonkeys' DHT parser (HuffmanTable) holds at most 200 codes of one length
          throw new Unsupported("too many Huffman symbols");
        }
        int[][] codes = JpegHuffman.codes(spec);
        (ac == 0 ? dcCodes : acCodes)[t] = codes;
        dht[n++] = (byte) (ac << 4 | t);
        for (int l = 1; l <= 16; l++) {
          dht[n++] = (byte) spec.bits()[l];
        }
        for (int v : spec.values()) {
          dht[n++] = (byte) v;
        }
      }
    }
    dht[0] = (byte) 0xFF;
    dht[1] = (byte) 0xC4;
    dht[2] = (byte) ((n - 2) >> 8);
    dht[3] = (byte) (n - 2);
    return Arrays.copyOf(dht, n);
  }

  /**
   * {@code prefix}, then the entropy-coded data (FF bytes stuffed, padded with 1 bits), then EOI: the whole
   * file. Call after {@link #tables()}.
   */
  byte[] scanData(byte[] prefix, int capacityHint) throws Unsupported {
    counting = false;
    out = Arrays.copyOf(prefix, prefix.length + Math.max(1024, capacityHint));
    size = prefix.length;
    blocks();
    if (bits > 0) {
      put((1 << (8 - bits)) - 1, 8 - bits);
    }
    byte[] file = Arrays.copyOf(out, size + 2);
    file[size] = (byte) 0xFF;
    file[size + 1] = (byte) 0xD9;
    return file;
  }

  /** Every block in scan order: MCU by MCU when interleaved, else the component's blocks row by row. */
  private void blocks() throws Unsupported {
    int n = frame.components();
    int[] pred = new int[n];
    if (n == 1) {
      int wide = frame.blocksWide(0);
      int padded = frame.paddedWide(0);
      for (int by = 0; by < frame.blocksHigh(0); by += counting ? SAMPLED_ROWS : 1) {
        for (int bx = 0; bx < wide; bx++) {
          block(0, (by * padded + bx) * 64, pred);
        }
      }
      return;
    }
    int[] hs = new int[n];
    int[] vs = new int[n];
    int[] padded = new int[n];
    for (int c = 0; c < n; c++) {
      hs[c] = frame.h(c);
      vs[c] = frame.v(c);
      padded[c] = frame.paddedWide(c);
    }
    int rows = frame.mcuRows();
    int columns = frame.mcuColumns();
    for (int my = 0; my < rows; my += counting ? SAMPLED_ROWS : 1) {
      for (int mx = 0; mx < columns; mx++) {
        for (int c = 0; c < n; c++) {
          for (int v = 0; v < vs[c]; v++) {
            int row = (my * vs[c] + v) * padded[c] + mx * hs[c];
            for (int h = 0; h < hs[c]; h++) {
              block(c, (row + h) * 64, pred);
            }
          }
        }
      }
    }
  }

  private void block(int c, int at, int[] pred) throws Unsupported {
    short[] b = coefs[c];
    int t = c == 0 ? 0 : 1;
    int diff = b[at] - pred[c];
    pred[c] = b[at];
    symbol(dcCount[t], dcCodes[t], diff, 0);
    long mask = nonzero[c][at >> 6]; // most blocks have few nonzero coefficients: visit only those
    int last = 0;
    while (mask != 0) {
      int k = Long.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      int run = k - last - 1;
      while (run > 15) {
        code(acCount[t], acCodes[t], 0xF0);
        run -= 16;
      }
      symbol(acCount[t], acCodes[t], b[at + k], run << 4);
      last = k;
    }
    if (last < 63) {
      code(acCount[t], acCodes[t], 0x00);
    }
  }

  /** A value as its magnitude category (added to {@code high}) and that many low bits. */
  private void symbol(long[] count, int[][] codes, int value, int high) throws Unsupported {
    int magnitude = Math.abs(value);
    int size = 32 - Integer.numberOfLeadingZeros(magnitude);
    if (size > 15) {
      throw new Unsupported("coefficient too large for a baseline scan");
    }
    code(count, codes, high | size, (value < 0 ? value - 1 : value) & ((1 << size) - 1), size);
  }

  private void code(long[] count, int[][] codes, int symbol) throws Unsupported {
    code(count, codes, symbol, 0, 0);
  }

  /** Counts {@code symbol}, or writes its code followed by {@code extraBits} value bits (at most 16 + 15). */
  private void code(long[] count, int[][] codes, int symbol, int extra, int extraBits) throws Unsupported {
    if (counting) {
      count[symbol]++;
    } else if (codes[0][symbol] == 0) {
      throw new Unsupported("a symbol the sampled rows did not have"); // only with out-of-range values
    } else {
      put(codes[1][symbol] << extraBits | extra, codes[0][symbol] + extraBits);
    }
  }

  private void put(int value, int n) {
    acc = (acc << n) | (value & ((1L << n) - 1));
    bits += n;
    while (bits >= 8) {
      bits -= 8;
      int b = (int) (acc >>> bits) & 0xFF;
      if (size + 2 > out.length) {
        out = Arrays.copyOf(out, out.length + (out.length >> 1));
      }
      out[size++] = (byte) b;
      if (b == 0xFF) {
        out[size++] = 0;
      }
    }
  }
}
