package dev.optimizr.codec.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.WebPChunks;
import dev.optimizr.codec.ConvertOptions;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.ImageConverter;
import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.WebPEncoder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -png auto}: which PNGs are also tried lossless, and what comes out. */
class GraphicsDetectorTest {
  @TempDir Path tmp;

  private static final EncodeSettings Q80 = new EncodeSettings(80, 4);

  /** An anti-aliased logo: flat colours, soft edges and text, so far more than 256 colours. */
  private static BufferedImage logo() {
    BufferedImage img = new BufferedImage(480, 200, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(0xd70751));
    g.fillOval(20, 20, 160, 160);
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(14));
    g.drawArc(55, 55, 90, 90, 30, 280);
    g.setColor(new Color(0x333344));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
    g.drawString("optimizr", 200, 125);
    g.dispose();
    return img;
  }

  /** A 1600×1000 wallpaper-like smooth gradient: the old rule tried it (88 % exactly predictable). */
  private static Pixels smoothGradient() {
    int w = 1600;
    int h = 1000;
    byte[] d = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double fx = x / (double) w;
        double fy = y / (double) h;
        int i = (y * w + x) * 3;
        d[i] = (byte) (20 + 60 * fx + 40 * fy);
        d[i + 1] = (byte) (40 + 90 * fy);
        d[i + 2] = (byte) (90 + 100 * fx * fy + 30 * Math.sin(fx * 3));
      }
    }
    return new Pixels(w, h, 3, d);
  }

  private ImageConverter.Converted convert(Path source, Path out) throws Exception {
    return TestImages.convert(new ImageConverter(ConvertOptions.of(Q80), new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false)), source, out);
  }

  @Test
  void antiAliasedLogo_comesOutLossless_pixelExact_andSmallerThanLossy() throws Exception {
    BufferedImage logo = logo();
    Path out = tmp.resolve("logo.webp");
    ImageConverter.Converted c = convert(TestImages.write(logo, "png", tmp.resolve("logo.png")), out);

    assertThat(c.lossless()).isTrue();
    assertThat(WebPChunks.fourCcs(out)).contains("VP8L");
    assertThat(TestImages.meanAbsDiff(TestImages.decodeWebP(out), logo)).isZero();
    int lossy = WebPEncoder.encode(PixelNormalizer.toPixels(logo), Q80).length;
    assertThat(c.outputBytes()).isLessThan(lossy);
  }

  @Test
  void largeSmoothGradient_isNotTriedLossless_whereLosslessWouldBeFarLarger() throws Exception {
    Pixels px = smoothGradient();
    int lossy = WebPEncoder.encode(px, Q80).length;

    assertThat(GraphicsDetector.worthTryingLossless(px, lossy, Q80.asLossless())).isFalse();
    assertThat(WebPEncoder.encode(px, Q80.asLossless()).length).isGreaterThan(5 * lossy);
  }

  @Test
  void photo_isNotTriedLossless_andComesOutLossy() throws Exception {
    BufferedImage photo = ImageIO.read(TestImages.edge("wuffs/hat.jpeg").toFile());
    Pixels px = PixelNormalizer.toPixels(photo);
    assertThat(GraphicsDetector.worthTryingLossless(px, WebPEncoder.encode(px, Q80).length, Q80.asLossless()))
        .isFalse();

    Path out = tmp.resolve("hat.webp");
    ImageConverter.Converted c = convert(TestImages.write(photo, "png", tmp.resolve("hat.png")), out);
    assertThat(c.lossless()).isFalse();
    assertThat(WebPChunks.fourCcs(out)).contains("VP8 ");
  }

  /** A 1600×1000 line chart: white, a grid, five anti-aliased random walks, labels. Over 1 MP, so sampled. */
  private static BufferedImage chart() {
    BufferedImage img = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1600, 1000);
    g.setColor(new Color(0xdddddd));
    for (int x = 100; x < 1600; x += 50) {
      g.drawLine(x, 50, x, 900);
    }
    for (int y = 50; y <= 900; y += 50) {
      g.drawLine(100, y, 1550, y);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
    Random random = new Random(7);
    Color[] colours = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd)};
    for (int i = 0; i < colours.length; i++) {
      g.setColor(colours[i]);
      g.setStroke(new BasicStroke(2.5f));
      double y = 300 + 100 * i;
      for (int x = 100; x < 1550; x += 10) {
        double next = Math.max(60, Math.min(890, y + random.nextGaussian() * 12));
        g.drawLine(x, (int) y, x + 10, (int) next);
        y = next;
      }
      g.drawString("series " + (i + 1), 120 + 200 * i, 960);
    }
    g.setColor(Color.DARK_GRAY);
    for (int x = 100; x < 1600; x += 100) {
      g.drawString(Integer.toString(x / 10), x - 10, 925);
    }
    g.dispose();
    return img;
  }

  @Test
  void chartOverOneMegapixel_comesOutLossless_pixelExact_andSmallerThanLossy() throws Exception {
    BufferedImage chart = chart();
    Path out = tmp.resolve("chart.webp");
    ImageConverter.Converted c = convert(TestImages.write(chart, "png", tmp.resolve("chart.png")), out);

    assertThat(c.lossless()).isTrue();
    assertThat(TestImages.meanAbsDiff(TestImages.decodeWebP(out), chart)).isZero();
    assertThat(c.outputBytes()).isLessThan(WebPEncoder.encode(PixelNormalizer.toPixels(chart), Q80).length);
  }

  @Test
  void sampledLosslessEncode_ofALargeChart_isCloseToTheFullEncode() throws Exception {
    Pixels px = PixelNormalizer.toPixels(chart());
    long full = WebPEncoder.encode(px, Q80.asLossless()).length;

    assertThat(GraphicsDetector.sampledLosslessBytes(px, Q80.asLossless()))
        .isBetween(full * 9 / 10, full * 13 / 10);
  }

  @Test
  void nearlyFlatLargeImage_staysLossy_forLosslessCouldSaveOnlyItsFewBytes() throws Exception {
    // A 2000×1200 plain background with one small badge: lossy is a few KB (under 0.05 bits per pixel), and a
    // lossless encode of 2.4 MP would cost several lossy ones to save at most those.
    BufferedImage img = new BufferedImage(2000, 1200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x2e3440));
    g.fillRect(0, 0, 2000, 1200);
    g.setColor(new Color(0x88c0d0));
    g.fillOval(940, 540, 120, 120);
    g.dispose();
    Pixels px = PixelNormalizer.toPixels(img);
    int lossy = WebPEncoder.encode(px, Q80).length;
    assertThat(lossy * 8.0 / (2000 * 1200)).isLessThan(GraphicsDetector.MIN_LOSSY_BITS_PER_PIXEL);

    Path out = tmp.resolve("flat.webp");
    ImageConverter.Converted c = convert(TestImages.write(img, "png", tmp.resolve("flat.png")), out);
    assertThat(c.lossless()).isFalse();
    assertThat(c.outputBytes()).isEqualTo(lossy);
  }

  @Test
  void diagonalStripesOf255Colours_comeOutLossless() throws Exception {
    // Like libpng's badpal/test-palette-8.png: each row is the one above shifted by a pixel, which VP8L
    // codes as one long copy (82 bytes against 19,580 lossy).
    BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        int v = (x + y) % 255;
        img.setRGB(x, y, (255 - v) << 16 | (v * 7 & 0xFF) << 8 | (v * 31 & 0xFF));
      }
    }
    Path out = tmp.resolve("stripes.webp");
    ImageConverter.Converted c = convert(TestImages.write(img, "png", tmp.resolve("stripes.png")), out);
    assertThat(c.lossless()).isTrue();
    assertThat(c.outputBytes()).isLessThan(WebPEncoder.encode(PixelNormalizer.toPixels(img), Q80).length);
  }
}
