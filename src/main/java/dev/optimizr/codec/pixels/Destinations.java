package dev.optimizr.codec.pixels;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * Chooses the image an ImageIO reader decodes into so that its array is already in the layout libwebp
 * imports (R,G,B[,A] bytes, no padding) and {@link PixelNormalizer} can hand it on without a copy.
 * Stateless and thread-safe.
 *
 * <p>Why: the readers' default types, {@code TYPE_3BYTE_BGR} and {@code TYPE_4BYTE_ABGR}, store bytes in
 * B,G,R / A,B,G,R order. Both the JDK JPEG reader ({@code acceptPixels}) and PNG reader ({@code decodePass})
 * produce each row in R,G,B order and copy it in with {@code WritableRaster.setRect}, which only takes its
 * {@code System.arraycopy} path when source and target bands are in the same order; for BGR it copies pixel
 * by pixel. Profiled on 365 real photos and artwork: that per-pixel copy was 9 % of all CPU and the
 * BGR→RGB reorder another 4 %.
 */
public final class Destinations {
  private Destinations() {}

  /**
   * An R,G,B(,A) byte image for a reader whose default {@code BufferedImage} type is {@code defaultType}, or
   * null when that type is not one of the two BGR-ordered standard types (gray, palette and 16-bit images
   * keep theirs).
   */
  public static BufferedImage rgbOrdered(int defaultType, int width, int height) {
    return decodesDirectly(defaultType) ? rgb(width, height, defaultType == BufferedImage.TYPE_4BYTE_ABGR) : null;
  }

  /** True when {@link #rgbOrdered} gives a destination for this default type, so no normalised copy is made. */
  public static boolean decodesDirectly(int defaultType) {
    return defaultType == BufferedImage.TYPE_3BYTE_BGR || defaultType == BufferedImage.TYPE_4BYTE_ABGR;
  }

  /** The reader's first (default) destination type, or null. */
  public static ImageTypeSpecifier defaultSpecifier(ImageReader reader) throws IOException {
    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
    return types == null || !types.hasNext() ? null : types.next();
  }

  /** A straight-alpha (not premultiplied) sRGB image with R,G,B(,A) interleaved bytes. */
  static BufferedImage rgb(int width, int height, boolean alpha) {
    int bands = alpha ? 4 : 3;
    int[] offsets = alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2};
    ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height,
        width * bands, bands, offsets, null);
    return new BufferedImage(cm, raster, false, null);
  }
}
