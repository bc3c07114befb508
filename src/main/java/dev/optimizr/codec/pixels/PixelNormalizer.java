package dev.optimizr.codec.pixels;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Copies any decoded {@link BufferedImage} into {@link Pixels} (8-bit RGB or straight RGBA) without
 * colour conversion: samples stay in the image's own colour space. Stateless and thread-safe.
 *
 * <p>Why not {@code Graphics2D.drawImage} into an INT_ARGB image: for gray+alpha and 16-bit gray the JDK
 * treats {@code CS_GRAY} as linear light and converts it to sRGB, which visibly brightens PNG grayscale
 * (PNG gray samples are already gamma-encoded). Reading the raw samples keeps the values the file stores.
 */
public final class PixelNormalizer {
  private PixelNormalizer() {}

  /** Returns the pixels of {@code image}; premultiplied images are un-premultiplied in place first. */
  public static Pixels toPixels(BufferedImage image) {
    if (image.isAlphaPremultiplied()) {
      image.coerceData(false);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    switch (image.getType()) {
      case BufferedImage.TYPE_3BYTE_BGR:
        return swizzleBytes(w, h, raster, 3);
      case BufferedImage.TYPE_4BYTE_ABGR:
        return swizzleBytes(w, h, raster, 4);
      case BufferedImage.TYPE_INT_RGB:
      case BufferedImage.TYPE_INT_ARGB:
        if (isPacked(raster)) {
          return unpackInts(w, h, raster, image.getType() == BufferedImage.TYPE_INT_ARGB);
        }
        break;
      default:
        break;
    }
    ColorModel cm = image.getColorModel();
    if (isRgbOrdered(raster, cm)) {
      // decoded straight into libwebp's layout (see Destinations): the image's array becomes the pixels
      return new Pixels(w, h, raster.getNumBands(), ((DataBufferByte) raster.getDataBuffer()).getData());
    }
    if (cm instanceof IndexColorModel icm) {
      return fromPalette(w, h, raster, icm);
    }
    return fromSamples(w, h, raster, cm);
  }

  /** The JDK's standard interleaved byte types store B,G,R or A,B,G,R in memory; reorder to RGB[A]. */
  private static Pixels swizzleBytes(int w, int h, Raster raster, int n) {
    if (!isPacked(raster)) {
      return fromSamples(w, h, raster, null);
    }
    byte[] src = ((DataBufferByte) raster.getDataBuffer()).getData();
    byte[] dst = new byte[w * h * n];
    int pixels = w * h;
    if (n == 3) {
      for (int i = 0, p = 0; i < pixels; i++, p += 3) {
        dst[p] = src[p + 2];
        dst[p + 1] = src[p + 1];
        dst[p + 2] = src[p];
      }
    } else {
      for (int i = 0, p = 0; i < pixels; i++, p += 4) {
        dst[p] = src[p + 3];
        dst[p + 1] = src[p + 2];
        dst[p + 2] = src[p + 1];
        dst[p + 3] = src[p];
      }
    }
    return new Pixels(w, h, n, dst);
  }

  private static Pixels unpackInts(int w, int h, Raster raster, boolean alpha) {
    int[] src = ((DataBufferInt) raster.getDataBuffer()).getData();
    int n = alpha ? 4 : 3;
    byte[] dst = new byte[w * h * n];
    for (int i = 0, p = 0; i < src.length && i < w * h; i++, p += n) {
      int v = src[i];
      dst[p] = (byte) (v >>> 16);
      dst[p + 1] = (byte) (v >>> 8);
      dst[p + 2] = (byte) v;
      if (alpha) {
        dst[p + 3] = (byte) (v >>> 24);
      }
    }
    return new Pixels(w, h, n, dst);
  }

  private static Pixels fromPalette(int w, int h, Raster raster, IndexColorModel icm) {
    // Size the table for every index the sample size can hold: damaged files use indices past the palette.
    int entries = Math.max(icm.getMapSize(), 1 << Math.min(raster.getSampleModel().getSampleSize(0), 16));
    int[] argb = new int[entries];
    for (int i = 0; i < icm.getMapSize(); i++) {
      argb[i] = icm.getRGB(i);
    }
    for (int i = icm.getMapSize(); i < entries; i++) {
      argb[i] = 0xFF000000; // out-of-range index: opaque black, as libpng renders it
    }
    boolean alpha = icm.hasAlpha();
    int n = alpha ? 4 : 3;
    byte[] dst = new byte[w * h * n];
    int[] row = new int[w];
    for (int y = 0, p = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++, p += n) {
        int v = argb[row[x]];
        dst[p] = (byte) (v >>> 16);
        dst[p + 1] = (byte) (v >>> 8);
        dst[p + 2] = (byte) v;
        if (alpha) {
          dst[p + 3] = (byte) (v >>> 24);
        }
      }
    }
    return new Pixels(w, h, n, dst);
  }

  /**
   * The general path: one row of raw samples at a time, scaled to 8 bits. Gray is replicated to RGB.
   * Raster bands come in colour-space order (band 0 is red even for the BGR byte types), alpha last;
   * {@code cm} null means a standard sRGB model whose alpha is present when there are four bands.
   */
  private static Pixels fromSamples(int w, int h, Raster raster, ColorModel cm) {
    int bands = raster.getNumBands();
    boolean alpha = cm != null ? cm.hasAlpha() : bands == 4;
    int colorBands = alpha ? bands - 1 : bands;
    boolean gray = cm != null ? cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY : bands <= 2;
    if (!(gray && colorBands == 1) && colorBands != 3) {
      throw new IllegalArgumentException("unsupported pixel layout: " + bands + " bands, " + cm);
    }
    int[] max = new int[bands];
    for (int b = 0; b < bands; b++) {
      max[b] = (1 << raster.getSampleModel().getSampleSize(b)) - 1;
    }
    int n = alpha ? 4 : 3;
    byte[] dst = new byte[w * h * n];
    int[] row = new int[w * bands];
    for (int y = 0, p = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int x = 0, s = 0; x < w; x++, s += bands, p += n) {
        if (gray) {
          byte g = scale(row[s], max[0]);
          dst[p] = g;
          dst[p + 1] = g;
          dst[p + 2] = g;
        } else {
          dst[p] = scale(row[s], max[0]);
          dst[p + 1] = scale(row[s + 1], max[1]);
          dst[p + 2] = scale(row[s + 2], max[2]);
        }
        if (alpha) {
          int a = bands - 1;
          dst[p + 3] = scale(row[s + a], max[a]);
        }
      }
    }
    return new Pixels(w, h, n, dst);
  }

  private static byte scale(int v, int max) {
    if (max == 255) {
      return (byte) v;
    }
    return (byte) ((v * 255L + max / 2) / max);
  }

  /** True for packed 8-bit R,G,B or straight R,G,B,A bytes in an RGB colour space: libwebp's own layout. */
  private static boolean isRgbOrdered(Raster raster, ColorModel cm) {
    int bands = raster.getNumBands();
    if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied() || cm.hasAlpha() != (bands == 4)
        || cm.getColorSpace().getType() != ColorSpace.TYPE_RGB || (bands != 3 && bands != 4)
        || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
        || sm.getDataType() != DataBuffer.TYPE_BYTE || sm.getPixelStride() != bands || !isPacked(raster)) {
      return false;
    }
    int[] offsets = sm.getBandOffsets();
    for (int b = 0; b < bands; b++) {
      if (offsets[b] != b) {
        return false;
      }
    }
    return raster.getDataBuffer().getSize() == raster.getWidth() * raster.getHeight() * bands
        && raster.getDataBuffer().getOffset() == 0;
  }

  /** True when the raster is the whole of its buffer with no row padding, so its array can be read directly. */
  private static boolean isPacked(Raster raster) {
    if (raster.getParent() != null || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0 || raster.getDataBuffer().getNumBanks() != 1) {
      return false;
    }
    if (raster.getSampleModel() instanceof ComponentSampleModel csm) {
      return csm.getScanlineStride() == raster.getWidth() * csm.getPixelStride();
    }
    if (raster.getSampleModel() instanceof SinglePixelPackedSampleModel sppsm) {
      return sppsm.getScanlineStride() == raster.getWidth();
    }
    return false;
  }
}
