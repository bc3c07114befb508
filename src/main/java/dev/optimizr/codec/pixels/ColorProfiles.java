package dev.optimizr.codec.pixels;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;

/**
 * Converts pixels from an embedded ICC profile to sRGB, which is what browsers show for an untagged WebP.
 * Stateless and thread-safe (each call builds its own {@link ColorConvertOp}; LCMS transforms are not shared).
 */
public final class ColorProfiles {
  private ColorProfiles() {}

  /** True when converting from {@code profile} to sRGB would change pixels: an RGB profile that is not sRGB. */
  public static boolean needsConversion(ICC_Profile profile) {
    return profile != null && profile.getColorSpaceType() == ColorSpace.TYPE_RGB && !isSrgb(profile);
  }

  /** True when {@code icc} is a profile for RGB data (ICC header bytes 16–19, the data colour space). */
  public static boolean isRgb(byte[] icc) {
    return hasDataColourSpace(icc, "RGB ");
  }

  /** True when {@code icc} is a profile for gray data. */
  public static boolean isGray(byte[] icc) {
    return hasDataColourSpace(icc, "GRAY");
  }

  private static boolean hasDataColourSpace(byte[] icc, String signature) {
    return icc != null && icc.length >= 128
        && new String(icc, 16, 4, StandardCharsets.ISO_8859_1).equals(signature);
  }

  /** Rows converted per LCMS call: the JDK copies both arrays of each call into native memory. */
  static final int STRIP_ROWS = 64;

  /**
   * Converts {@code px} from {@code profile} to sRGB in place, alpha untouched, and returns it.
   *
   * <p>In strips of {@link #STRIP_ROWS} rows through a small buffer: the JDK's LCMS binding takes each
   * array with {@code GetByteArrayElements}, i.e. copies source and destination into native memory for the
   * call, so converting a whole image at once held two native copies of it besides the Java output array
   * (NMT at a real-corpus run's peak: 2 x 70 MB for one image; BENCHMARKS.md, "Launcher memory defaults").
   */
  public static Pixels toSrgb(Pixels px, ICC_Profile profile) {
    int w = px.width();
    int n = px.channels();
    int rowBytes = w * n;
    int rows = Math.min(STRIP_ROWS, px.height());
    byte[] in = new byte[rowBytes * rows];
    byte[] out = new byte[rowBytes * rows];
    Pixels strip = new Pixels(w, rows, n, in);
    BufferedImage from = wrap(strip, new ICC_ColorSpace(profile), in);
    BufferedImage to = wrap(strip, ColorSpace.getInstance(ColorSpace.CS_sRGB), out);
    ColorConvertOp op = new ColorConvertOp(null); // keeps its LCMS transform from strip to strip
    byte[] data = px.data();
    for (int y = 0; y < px.height(); y += rows) {
      int h = Math.min(rows, px.height() - y);
      System.arraycopy(data, y * rowBytes, in, 0, h * rowBytes);
      op.filter(from, to); // a short last strip converts stale rows too; they are not copied back
      System.arraycopy(out, 0, data, y * rowBytes, h * rowBytes);
    }
    return px;
  }

  /**
   * Cameras and editors embed many copies of sRGB ("sRGB IEC61966-2.1", "sRGB built-in"); a round trip
   * through LCMS for them costs time and changes nothing visible, so they are recognised by description.
   */
  static boolean isSrgb(ICC_Profile profile) {
    byte[] desc = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
    if (desc == null) {
      return false;
    }
    String ascii = new String(desc, StandardCharsets.ISO_8859_1);
    String utf16 = new String(desc, StandardCharsets.UTF_16BE);
    return ascii.contains("sRGB") || utf16.contains("sRGB");
  }

  private static BufferedImage wrap(Pixels px, ColorSpace cs, byte[] data) {
    int n = px.channels();
    boolean alpha = px.hasAlpha();
    ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    int[] offsets = alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2};
    WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(data, data.length),
        px.width(), px.height(), px.width() * n, n, offsets, null);
    return new BufferedImage(cm, raster, false, null);
  }
}
