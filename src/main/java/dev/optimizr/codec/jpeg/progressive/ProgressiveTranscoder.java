package dev.optimizr.codec.jpeg.progressive;

import dev.optimizr.codec.jpeg.progressive.JpegHuffman.Unsupported;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One run of {@link ProgressiveJpeg#toBaseline}: the marker loop, the coefficients and libjpeg's progression
 * bookkeeping. Throws {@link Unsupported} for anything it leaves to the JDK's reader. Not thread-safe: one
 * instance per file.
 */
final class ProgressiveTranscoder {
  private final byte[] d;
  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private final JpegHuffman.Table[] dcTables = new JpegHuffman.Table[4];
  private final JpegHuffman.Table[] acTables = new JpegHuffman.Table[4];
  private JpegFrame frame;
  private short[][] coefs;
  private long[][] nonzero; // per block: which AC coefficients (zigzag index) were made nonzero
  private int[][] coefBits; // libjpeg's coef_bits: the Al each coefficient was last coded with, -1 if never
  private int restartInterval;
  private boolean scanned;

  ProgressiveTranscoder(byte[] data) {
    this.d = data;
  }

  byte[] run() throws Unsupported {
    header.write(0xFF);
    header.write(0xD8);
    int pos = 2;
    while (true) {
      int at = JpegSegments.marker(d, pos);
      if ((d[at] & 0xFF) == 0xD9) {
        break;
      }
      pos = segment(at, d[at] & 0xFF, JpegSegments.length(d, at));
    }
    if (!scanned) {
      throw new Unsupported("no scan");
    }
    for (int[] bits : coefBits) {
      for (int k = 0; k < 10; k++) {
        if (bits[k] != 0) { // libjpeg smooths blocks whose first coefficients are not fully known
          throw new Unsupported("progression incomplete");
        }
      }
    }
    return write();
  }

  /** Takes the segment whose marker byte is at {@code at}; returns where the next marker starts. */
  private int segment(int at, int marker, int length) throws Unsupported {
    int next = at + 1 + length;
    if (marker == 0xC2 && frame == null) {
      frame = JpegFrame.parse(d, at + 1, length);
      allocate();
      header.write(0xFF);
      header.write(0xC0); // the same frame header, as baseline
      header.write(d, at + 1, length);
    } else if (marker == 0xC4) {
      JpegHuffman.define(d, at + 3, next, dcTables, acTables);
    } else if (marker == 0xDD && length == 4) {
      restartInterval = ((d[at + 3] & 0xFF) << 8) | (d[at + 4] & 0xFF);
    } else if (marker == 0xDA && frame != null) {
      next = scan(at + 3, length - 2);
      scanned = true;
    } else if (!scanned && (marker == 0xDB || marker >= 0xE0 && marker <= 0xEF || marker == 0xFE)) {
      header.write(d, at - 1, length + 2); // DQT, APPn, COM: as they are
    } else if (!scanned || marker != 0xFE && (marker < 0xE0 || marker > 0xEF)) {
      throw new Unsupported(String.format(java.util.Locale.ROOT, "marker 0x%02X", marker));
    } // APPn and COM after the first scan: dropped (their metadata was read from the original)
    return next;
  }

  private void allocate() {
    int n = frame.components();
    coefs = new short[n][];
    nonzero = new long[n][];
    coefBits = new int[n][64];
    for (int c = 0; c < n; c++) {
      coefs[c] = new short[Math.toIntExact((long) frame.paddedWide(c) * frame.paddedHigh(c) * 64)];
      nonzero[c] = new long[frame.paddedWide(c) * frame.paddedHigh(c)];
      Arrays.fill(coefBits[c], -1);
    }
  }

  /** A scan header: components (frame indexes), their Huffman tables, spectral band and approximation. */
  private record Scan(int[] comps, JpegHuffman.Table[] tables, int ss, int se, int ah, int al) {}

  /** Decodes one scan whose header (after its length) starts at {@code p}; returns where the next marker is. */
  private int scan(int p, int length) throws Unsupported {
    Scan scan = scanHeader(p, length);
    JpegScanDecoder in = new JpegScanDecoder(d, p + length);
    int[] pred = new int[frame.components()];
    if (scan.comps().length == 1) {
      int c = scan.comps()[0];
      int wide = frame.blocksWide(c);
      int padded = frame.paddedWide(c);
      int mcus = wide * frame.blocksHigh(c);
      for (int m = 0; m < mcus; m++) {
        restartIfDue(in, m, pred);
        block(in, scan, 0, ((m / wide) * padded + m % wide) * 64, pred);
      }
    } else {
      interleaved(in, scan, pred);
    }
    in.finish();
    return in.position();
  }

  /** MCU by MCU: each component's h x v blocks in turn (DC scans only). */
  private void interleaved(JpegScanDecoder in, Scan scan, int[] pred) throws Unsupported {
    int columns = frame.mcuColumns();
    int mcus = columns * frame.mcuRows();
    int ns = scan.comps().length;
    int[] padded = new int[ns];
    for (int i = 0; i < ns; i++) {
      padded[i] = frame.paddedWide(scan.comps()[i]);
    }
    for (int m = 0; m < mcus; m++) {
      restartIfDue(in, m, pred);
      int my = m / columns;
      int mx = m % columns;
      for (int i = 0; i < ns; i++) {
        int c = scan.comps()[i];
        int hs = frame.h(c);
        for (int v = 0; v < frame.v(c); v++) {
          int row = (my * frame.v(c) + v) * padded[i] + mx * hs;
          for (int h = 0; h < hs; h++) {
            block(in, scan, i, (row + h) * 64, pred);
          }
        }
      }
    }
  }

  /** Parses and checks a scan header as jdphuff.c's start_pass_phuff_decoder does, its warnings as errors. */
  private Scan scanHeader(int p, int length) throws Unsupported {
    int ns = d[p] & 0xFF;
    if (ns < 1 || ns > 4 || length != 4 + 2 * ns) {
      throw new Unsupported("bad SOS");
    }
    int ss = d[p + 1 + 2 * ns] & 0xFF;
    int se = d[p + 2 + 2 * ns] & 0xFF;
    int ah = (d[p + 3 + 2 * ns] & 0xFF) >> 4;
    int al = d[p + 3 + 2 * ns] & 0x0F;
    boolean dc = ss == 0;
    if (dc ? se != 0 : ss > se || se > 63 || ns != 1) {
      throw new Unsupported("bad spectral selection");
    }
    if (ah != 0 && al != ah - 1 || al > 13) {
      throw new Unsupported("bad successive approximation");
    }
    int[] comps = new int[ns];
    JpegHuffman.Table[] tables = new JpegHuffman.Table[ns];
    for (int i = 0; i < ns; i++) {
      comps[i] = component(d[p + 1 + 2 * i] & 0xFF);
      for (int e = 0; e < i; e++) {
        if (comps[e] == comps[i]) {
          throw new Unsupported("component twice in a scan");
        }
      }
      int sel = d[p + 2 + 2 * i] & 0xFF;
      if ((sel >> 4) > 3 || (sel & 0x0F) > 3) {
        throw new Unsupported("bad Huffman table number");
      }
      tables[i] = dc ? (ah == 0 ? dcTables[sel >> 4] : null) : acTables[sel & 0x0F];
      if (tables[i] == null && !(dc && ah != 0)) { // a DC refinement is raw bits, without a table
        throw new Unsupported("missing Huffman table");
      }
      progression(coefBits[comps[i]], dc, ss, se, ah, al);
    }
    return new Scan(comps, tables, ss, se, ah, al);
  }

  private static void progression(int[] bits, boolean dc, int ss, int se, int ah, int al) throws Unsupported {
    if (!dc && bits[0] < 0) {
      throw new Unsupported("AC scan before DC");
    }
    for (int k = ss; k <= se; k++) {
      if (ah != Math.max(bits[k], 0)) {
        throw new Unsupported("bogus progression");
      }
      bits[k] = al;
    }
  }

  private void restartIfDue(JpegScanDecoder in, int mcu, int[] pred) throws Unsupported {
    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
      in.restart(mcu / restartInterval - 1, pred);
    }
  }

  private void block(JpegScanDecoder in, Scan scan, int i, int at, int[] pred) throws Unsupported {
    int c = scan.comps()[i];
    short[] b = coefs[c];
    JpegHuffman.Table t = scan.tables()[i];
    if (scan.ss() == 0) {
      if (scan.ah() == 0) {
        in.dcFirst(b, at, t, scan.al(), pred, c);
      } else {
        in.dcRefine(b, at, scan.al());
      }
    } else if (scan.ah() == 0) {
      in.acFirst(b, nonzero[c], at, t, scan.ss(), scan.se(), scan.al());
    } else {
      in.acRefine(b, nonzero[c], at, t, scan.ss(), scan.se(), scan.al());
    }
  }

  private int component(int id) throws Unsupported {
    for (int c = 0; c < frame.components(); c++) {
      if (frame.ids()[c] == id) {
        return c;
      }
    }
    throw new Unsupported("scan names an unknown component");
  }

  private byte[] write() throws Unsupported {
    BaselineJpegWriter w = new BaselineJpegWriter(frame, coefs, nonzero);
    header.writeBytes(w.tables());
    int n = frame.components();
    header.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, (byte) (6 + 2 * n), (byte) n});
    for (int c = 0; c < n; c++) {
      header.write(frame.ids()[c]);
      header.write(c == 0 ? 0x00 : 0x11);
    }
    header.writeBytes(new byte[] {0, 63, 0});
    return w.scanData(header.toByteArray(), d.length + d.length / 4);
  }
}
