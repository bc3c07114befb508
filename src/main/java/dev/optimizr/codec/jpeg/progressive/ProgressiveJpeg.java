package dev.optimizr.codec.jpeg.progressive;

import dev.optimizr.codec.jpeg.JpegStructure;
import dev.optimizr.codec.jpeg.progressive.JpegHuffman.Unsupported;

/**
 * Rewrites a progressive Huffman JPEG as a baseline one with the same DCT coefficients, which libjpeg then
 * decodes to the same pixels in one pass. The JDK's reader decodes a progressive JPEG once per scan
 * (imageioJPEG.c runs libjpeg in buffered-image mode and outputs every pass: about 10 full IDCT, upsampling
 * and colour passes for a usual file); measured on 37 progressive wallpapers, 8.3-10.7 s against 1.2 s for the
 * same files made baseline by jpegtran. Anything unusual (arithmetic coding, 12-bit, damage, a progression
 * libjpeg would smooth, a DNL marker...) gives null, and the caller decodes the original as before.
 * Stateless and thread-safe.
 */
public final class ProgressiveJpeg {
  /** {@code -Doptimizr.jpeg.transcode-progressive=false} decodes progressive JPEGs as the JDK does (A/B runs). */
  private static final boolean ENABLED = !"false".equals(System.getProperty("optimizr.jpeg.transcode-progressive"));

  private ProgressiveJpeg() {}

  /**
   * The heap a transcoding may take: a quarter of the maximum heap (about 30 MP at 4:2:0 under a 384 MB
   * heap), 0 when turned off. Larger progressive files keep the JDK's decode, whose coefficient buffer is
   * native memory: transcoding a 100-MP one would run out of heap where the JDK's decode does not.
   */
  public static long heapLimit() {
    return ENABLED ? Runtime.getRuntime().maxMemory() / 4 : 0;
  }

  /** The frame of a JPEG that {@link #toBaseline} may transcode (8-bit progressive Huffman), else null. */
  static JpegFrame frame(byte[] data) {
    try {
      for (int pos = 2; ; ) {
        int at = JpegSegments.marker(data, pos);
        int marker = data[at] & 0xFF;
        int length = JpegSegments.length(data, at);
        if (marker == 0xC2) {
          return JpegFrame.parse(data, at + 1, length);
        }
        if (JpegStructure.isFrameHeader(marker) || marker == 0xDA || marker == 0xD9) {
          return null;
        }
        pos = at + 1 + length;
      }
    } catch (Unsupported | RuntimeException e) {
      return null;
    }
  }

  /**
   * What transcoding one file takes from the heap. Immutable.
   *
   * @param coefficientBytes the coefficients (2 bytes per sample, a mask per block), garbage before the
   *     decoded raster is allocated
   * @param streamBytes the baseline file written (about the original's size), alive through the decode
   */
  public record Plan(long coefficientBytes, long streamBytes) {
    /** Peak heap of transcoding and then decoding into {@code decodeBytes}. */
    public long heapBytes(long decodeBytes) {
      return Math.max(decodeBytes, coefficientBytes) + streamBytes;
    }
  }

  /**
   * A plan when {@code data} is a JPEG {@link #toBaseline} takes and transcoding it fits {@code heapLimit}
   * bytes, else null.
   */
  public static Plan plan(byte[] data, long heapLimit) {
    JpegFrame frame = heapLimit > 0 ? frame(data) : null;
    if (frame == null) {
      return null;
    }
    Plan plan = new Plan(frame.coefficientBytes(), data.length + data.length / 4);
    return plan.coefficientBytes() + plan.streamBytes() <= heapLimit ? plan : null;
  }

  /** The same image as a baseline JPEG with identical coefficients, or null when it is not transcoded. */
  public static byte[] toBaseline(byte[] data) {
    try {
      return new ProgressiveTranscoder(data).run();
    } catch (Unsupported | RuntimeException e) {
      return null; // e.g. an index out of range on a damaged file: the JDK's reader judges it instead
    }
  }
}
