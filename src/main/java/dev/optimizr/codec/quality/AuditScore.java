package dev.optimizr.codec.quality;

import com.luciad.imageio.webp.LibWebPBridge;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.pixels.Pixels;

/**
 * The quality audit's measure of one image: decodes the WebP that was written and compares it with the pixels
 * that were encoded (SSIM on luma, {@link Ssim}), finding the worst {@value #TILE}-pixel square on the way.
 * Stateless and thread-safe.
 *
 * @param ssim mean SSIM of the whole image
 * @param worstX left edge of the worst square (its 1:1 crop in the report)
 * @param worstTileSsim the SSIM of that square
 * @param argb the decoded WebP (ARGB), kept only until the caller has made its thumbnails
 */
public record AuditScore(double ssim, int worstX, int worstY, double worstTileSsim, int[] argb) {
  /** Side of the squares the worst region is looked for in. */
  public static final int TILE = 64;
  /** Windows evaluated: every {@value}-th across and down. */
  public static final int STRIDE = 2;

  /** Scores {@code webp} against {@code px}, the pixels it was encoded from. */
  public static AuditScore of(Pixels px, byte[] webp) throws ConversionException {
    int[] info = new int[4];
    int[] argb = LibWebPBridge.decodeArgb(webp, info);
    if (argb == null || info[1] != px.width() || info[2] != px.height()) {
      throw new ConversionException(ErrorType.ENCODE_ERROR, "libwebp could not decode the written WebP");
    }
    // Every other window across and down: the audit ranks images and finds their worst region, for which a quarter
    // of the windows on a regular grid is plenty (within 0.001 of the full mean on the real-photo corpus), and it
    // keeps the audit's cost small next to the conversion.
    Ssim.Worst w = Ssim.map(Ssim.of(px), Ssim.ofArgb(argb, info[1], info[2], px.hasAlpha()), TILE, STRIDE);
    return new AuditScore(w.mean(), w.worstX(), w.worstY(), w.worstTileSsim(), argb);
  }
}
