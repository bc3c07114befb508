package dev.optimizr.codec;

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

  /** Returns {@code px} converted from {@code profile} to sRGB, alpha untouched. */
  public static Pixels toSrgb(Pixels px, ICC_Profile profile) {
    ColorSpace source = new ICC_ColorSpace(profile);
    BufferedImage from = wrap(px, source, px.data());
    Pixels out = new Pixels(px.width(), px.height(), px.channels(), new byte[px.data().length]);
    BufferedImage to = wrap(out, ColorSpace.getInstance(ColorSpace.CS_sRGB), out.data());
    new ColorConvertOp(null).filter(from, to);
    return out;
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
