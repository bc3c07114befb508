package dev.optimizr.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Deterministic photo-like images: seeded smooth noise at two scales, a gradient and film grain, so that
 * they compress roughly like photos (flat colour or pure noise would make decode and encode look too cheap
 * or too dear). Stateless and thread-safe.
 */
final class SyntheticImages {
  /** 2.0 megapixels, so that per-megapixel figures are the table's numbers halved. */
  static final int WIDTH = 1600;
  static final int HEIGHT = 1250;
  static final long SEED = 20261123L;
  /** Levels of fine luma texture; sets how much a JPEG at quality 90 weighs (real 2-MP photos: ~0.5–1.5 MB). */
  static final double TEXTURE = 100;

  private SyntheticImages() {}

  /** An opaque photo in the JDK's usual JPEG layout (interleaved B,G,R bytes). */
  static BufferedImage photo(int w, int h, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] coarse = {field(w, h, 160, rnd), field(w, h, 160, rnd), field(w, h, 160, rnd)};
    float[][] fine = {field(w, h, 24, rnd), field(w, h, 24, rnd), field(w, h, 24, rnd)};
    float[] texture = field(w, h, 3, rnd); // detail at the scale of foliage or fabric, in luma only
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i++) {
        double grain = rnd.nextDouble(-5, 5) + TEXTURE * (texture[i] - 0.5);
        double light = 0.2 * x / w + 0.15 * (1 - (double) y / h);
        for (int c = 0; c < 3; c++) {
          double v = 255 * (0.1 + 0.45 * coarse[c][i] + 0.2 * fine[c][i] + light) + grain + rnd.nextDouble(-2, 2);
          bgr[i * 3 + 2 - c] = (byte) Math.max(0, Math.min(255, (int) v));
        }
      }
    }
    return img;
  }

  /** {@link #photo} with a smooth alpha channel (a vignette plus noise), as TYPE_4BYTE_ABGR. */
  static BufferedImage photoWithAlpha(int w, int h, long seed) {
    byte[] bgr = bytes(photo(w, h, seed));
    float[] alpha = field(w, h, 200, new SplittableRandom(seed + 1));
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
    byte[] abgr = bytes(img);
    for (int i = 0, n = w * h; i < n; i++) {
      abgr[i * 4] = (byte) (40 + 215 * alpha[i]);
      System.arraycopy(bgr, i * 3, abgr, i * 4 + 1, 3);
    }
    return img;
  }

  /** {@link #photo}'s luma as 8-bit gray. */
  static BufferedImage gray(int w, int h, long seed) {
    byte[] bgr = bytes(photo(w, h, seed));
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] g = bytes(img);
    for (int i = 0, n = w * h; i < n; i++) {
      int b = bgr[i * 3] & 0xFF;
      int gr = bgr[i * 3 + 1] & 0xFF;
      int r = bgr[i * 3 + 2] & 0xFF;
      g[i] = (byte) ((299 * r + 587 * gr + 114 * b) / 1000);
    }
    return img;
  }

  /** {@link #photo} quantised to a fixed 3-3-2 palette of 256 colours (no dithering), as TYPE_BYTE_INDEXED. */
  static BufferedImage palette(int w, int h, long seed) {
    byte[] bgr = bytes(photo(w, h, seed));
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      r[i] = (byte) ((i >> 5) * 255 / 7);
      g[i] = (byte) (((i >> 2) & 7) * 255 / 7);
      b[i] = (byte) ((i & 3) * 255 / 3);
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
    byte[] idx = bytes(img);
    for (int i = 0, n = w * h; i < n; i++) {
      idx[i] = (byte) ((bgr[i * 3 + 2] & 0xE0) | (bgr[i * 3 + 1] & 0xE0) >> 3 | (bgr[i * 3] & 0xC0) >> 6);
    }
    return img;
  }

  /** The image as a baseline JPEG at {@code quality} (0–1), written by the first ImageIO JPEG writer. */
  static byte[] jpeg(BufferedImage img, float quality) {
    ImageWriter writer = writer("jpeg");
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      return write(writer, img, param);
    } finally {
      writer.dispose();
    }
  }

  /** The image as a PNG with the JDK writer's default compression. */
  static byte[] png(BufferedImage img) {
    ImageWriter writer = writer("png");
    try {
      return write(writer, img, null);
    } finally {
      writer.dispose();
    }
  }

  static byte[] bytes(BufferedImage img) {
    return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
  }

  /** Value noise in [0, 1): random values on a grid of {@code cell}-pixel squares, smoothly interpolated. */
  private static float[] field(int w, int h, int cell, SplittableRandom rnd) {
    int gw = w / cell + 2;
    int gh = h / cell + 2;
    float[] grid = new float[gw * gh];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = (float) rnd.nextDouble();
    }
    float[] out = new float[w * h];
    for (int y = 0, i = 0; y < h; y++) {
      int gy = y / cell;
      float fy = smooth((y % cell) / (float) cell);
      for (int x = 0; x < w; x++, i++) {
        int gx = x / cell;
        float fx = smooth((x % cell) / (float) cell);
        float top = lerp(grid[gy * gw + gx], grid[gy * gw + gx + 1], fx);
        float bottom = lerp(grid[(gy + 1) * gw + gx], grid[(gy + 1) * gw + gx + 1], fx);
        out[i] = lerp(top, bottom, fy);
      }
    }
    return out;
  }

  private static float smooth(float t) {
    return t * t * (3 - 2 * t);
  }

  private static float lerp(float a, float b, float t) {
    return a + (b - a) * t;
  }

  private static ImageWriter writer(String format) {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
    if (!it.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for " + format);
    }
    return it.next();
  }

  private static byte[] write(ImageWriter writer, BufferedImage img, ImageWriteParam param) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(img, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
