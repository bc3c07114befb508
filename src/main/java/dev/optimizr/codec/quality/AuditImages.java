package dev.optimizr.codec.quality;

import dev.optimizr.codec.pixels.Pixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The pictures of one audited image for the report's gallery: source and WebP as small thumbnails (JPEG) and a
 * 1:1 crop of the worst region of each (PNG, so the crop shows the WebP's artefacts and no others). Transparent
 * pixels are shown over white. Stateless and thread-safe.
 *
 * @param sourceThumb JPEG bytes
 * @param webpThumb JPEG bytes
 * @param sourceCrop PNG bytes, {@value #CROP}×{@value #CROP} or the whole image when smaller
 * @param webpCrop PNG bytes, the same region
 */
public record AuditImages(byte[] sourceThumb, byte[] webpThumb, byte[] sourceCrop, byte[] webpCrop) {
  /** Longest side of a thumbnail. */
  public static final int THUMB = 200;
  /** Side of the 1:1 crop around the worst region. */
  public static final int CROP = 128;

  /** Reads one pixel as opaque RGB. */
  private interface Rgb {
    int at(int x, int y);
  }

  /** The gallery pictures of {@code px} and the decoded WebP in {@code score}. */
  public static AuditImages of(Pixels px, AuditScore score) {
    int w = px.width();
    int h = px.height();
    Rgb src = (x, y) -> pixel(px, x, y);
    int[] argb = score.argb();
    boolean alpha = px.hasAlpha();
    Rgb out = (x, y) -> {
      int v = argb[y * w + x];
      return alpha ? overWhite(v >>> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF) : v & 0xFFFFFF;
    };
    int cw = Math.min(CROP, w);
    int ch = Math.min(CROP, h);
    // centre the crop on the worst square, kept inside the image
    int cx = clamp(score.worstX() + AuditScore.TILE / 2 - cw / 2, w - cw);
    int cy = clamp(score.worstY() + AuditScore.TILE / 2 - ch / 2, h - ch);
    return new AuditImages(encode(thumb(src, w, h), "jpeg"), encode(thumb(out, w, h), "jpeg"),
        encode(crop(src, cx, cy, cw, ch), "png"), encode(crop(out, cx, cy, cw, ch), "png"));
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static int pixel(Pixels px, int x, int y) {
    byte[] d = px.data();
    int n = px.channels();
    int i = (y * px.width() + x) * n;
    int r = d[i] & 0xFF;
    int g = d[i + 1] & 0xFF;
    int b = d[i + 2] & 0xFF;
    return n == 4 ? overWhite(d[i + 3] & 0xFF, r, g, b) : (r << 16) | (g << 8) | b;
  }

  private static int overWhite(int a, int r, int g, int b) {
    int inv = 255 - a;
    return ((r * a + 255 * inv) / 255 << 16) | ((g * a + 255 * inv) / 255 << 8) | (b * a + 255 * inv) / 255;
  }

  /** Box-filtered thumbnail: each thumbnail pixel averages the source pixels it covers. */
  private static BufferedImage thumb(Rgb in, int w, int h) {
    double scale = Math.min(1.0, (double) THUMB / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    BufferedImage img = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    for (int ty = 0; ty < th; ty++) {
      int y0 = ty * h / th;
      int y1 = Math.max(y0 + 1, (ty + 1) * h / th);
      for (int tx = 0; tx < tw; tx++) {
        int x0 = tx * w / tw;
        int x1 = Math.max(x0 + 1, (tx + 1) * w / tw);
        long r = 0, g = 0, b = 0;
        // at most 4×4 samples per thumbnail pixel: enough for a 200-pixel preview, cheap on 50-MP images
        int sy = Math.max(1, (y1 - y0) / 4);
        int sx = Math.max(1, (x1 - x0) / 4);
        int n = 0;
        for (int y = y0; y < y1; y += sy) {
          for (int x = x0; x < x1; x += sx) {
            int v = in.at(x, y);
            r += (v >> 16) & 0xFF;
            g += (v >> 8) & 0xFF;
            b += v & 0xFF;
            n++;
          }
        }
        img.setRGB(tx, ty, (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n));
      }
    }
    return img;
  }

  private static BufferedImage crop(Rgb in, int x0, int y0, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, in.at(x0 + x, y0 + y));
      }
    }
    return img;
  }

  private static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, bytes)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }
}
