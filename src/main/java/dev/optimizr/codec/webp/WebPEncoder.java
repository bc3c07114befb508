package dev.optimizr.codec.webp;

import com.luciad.imageio.webp.LibWebPBridge;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.pixels.Pixels;

/** Encodes {@link Pixels} to WebP bytes in memory with libwebp. Stateless and thread-safe. */
public final class WebPEncoder {
  private WebPEncoder() {}

  /** Returns the complete WebP file for {@code px} (a plain VP8/VP8L RIFF, or VP8X+ALPH for lossy alpha). */
  public static byte[] encode(Pixels px, EncodeSettings s) throws ConversionException {
    Preset p = s.preset();
    LibWebPBridge.Options o = new LibWebPBridge.Options(s.quality(), s.method(), s.lossless(), s.nearLossless(),
        s.alphaQuality(), s.exact(), s.sharpYuv(), s.targetSize(), (float) s.targetPsnr(), p.snsStrength,
        p.filterStrength, p.filterSharpness, p.preprocessing, p.segments);
    byte[] out;
    try {
      out = LibWebPBridge.encode(px.data(), px.width(), px.height(), px.channels(), o);
    } catch (RuntimeException e) {
      throw new ConversionException(ErrorType.ENCODE_ERROR, "libwebp failed: " + e, e);
    }
    if (out == null || out.length == 0) {
      // libwebp reports only a status code, which the binding drops; the usual causes are size and memory.
      throw new ConversionException(ErrorType.ENCODE_ERROR,
          "libwebp refused the " + px.width() + "x" + px.height() + " image");
    }
    return out;
  }
}
