package dev.optimizr.codec.jpeg.progressive;

import dev.optimizr.codec.jpeg.progressive.JpegHuffman.Unsupported;

/**
 * A JPEG frame header (SOF) as {@link ProgressiveJpeg} needs it: size, sampling, and the block grid each
 * component's coefficients are stored in (libjpeg's width_in_blocks, and the MCU-padded grid of interleaved
 * scans). Immutable.
 */
record JpegFrame(int width, int height, int[] ids, int[] hs, int[] vs, int hMax, int vMax) {
  int components() {
    return ids.length;
  }

  int h(int c) {
    return hs[c];
  }

  int v(int c) {
    return vs[c];
  }

  int mcuColumns() {
    return ceil(width, 8 * hMax);
  }

  int mcuRows() {
    return ceil(height, 8 * vMax);
  }

  /** Blocks across that hold image samples (libjpeg's width_in_blocks). */
  int blocksWide(int c) {
    return ceil(ceil(width * hs[c], hMax), 8);
  }

  int blocksHigh(int c) {
    return ceil(ceil(height * vs[c], vMax), 8);
  }

  /** Blocks across including the MCU padding of interleaved scans. */
  int paddedWide(int c) {
    return mcuColumns() * hs[c];
  }

  int paddedHigh(int c) {
    return mcuRows() * vs[c];
  }

  /** Heap the coefficients take while transcoding: 64 shorts and a mask per block. */
  long coefficientBytes() {
    long blocks = 0;
    for (int c = 0; c < components(); c++) {
      blocks += (long) paddedWide(c) * paddedHigh(c);
    }
    return blocks * (128 + 8);
  }

  private static int ceil(long a, int b) {
    return (int) ((a + b - 1) / b);
  }

  /** The frame header whose length field is at {@code at}, if 8-bit with 1-4 components. */
  static JpegFrame parse(byte[] d, int at, int length) throws Unsupported {
    int p = at + 2;
    int n = length >= 8 ? d[p + 5] & 0xFF : 0;
    if ((d[p] & 0xFF) != 8 || n < 1 || n > 4 || length != 8 + 3 * n) {
      throw new Unsupported("not an 8-bit frame of 1-4 components");
    }
    int height = ((d[p + 1] & 0xFF) << 8) | (d[p + 2] & 0xFF);
    int width = ((d[p + 3] & 0xFF) << 8) | (d[p + 4] & 0xFF);
    int[] ids = new int[n];
    int[] hs = new int[n];
    int[] vs = new int[n];
    int hMax = 1;
    int vMax = 1;
    int blocksInMcu = 0;
    for (int c = 0; c < n; c++) {
      ids[c] = d[p + 6 + 3 * c] & 0xFF;
      hs[c] = (d[p + 7 + 3 * c] & 0xFF) >> 4;
      vs[c] = d[p + 7 + 3 * c] & 0x0F;
      if (hs[c] < 1 || hs[c] > 4 || vs[c] < 1 || vs[c] > 4 || (d[p + 8 + 3 * c] & 0xFF) > 3) {
        throw new Unsupported("bad sampling factors");
      }
      for (int e = 0; e < c; e++) {
        if (ids[e] == ids[c]) {
          throw new Unsupported("duplicate component");
        }
      }
      hMax = Math.max(hMax, hs[c]);
      vMax = Math.max(vMax, vs[c]);
      blocksInMcu += hs[c] * vs[c];
    }
    if (width == 0 || height == 0 || n > 1 && blocksInMcu > 10) {
      throw new Unsupported("zero size (DNL) or an MCU a baseline scan cannot hold");
    }
    return new JpegFrame(width, height, ids, hs, vs, hMax, vMax);
  }
}
