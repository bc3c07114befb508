package dev.optimizr.codec.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class PixelNormalizerTest {
  private static BufferedImage grayAlpha(int bits) {
    int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
        Transparency.TRANSLUCENT, type);
    WritableRaster r = cm.createCompatibleWritableRaster(4, 1);
    int max = (1 << bits) - 1;
    int[][] px = {{0, max}, {max / 2, max}, {max, max / 3}, {max / 4, 0}};
    for (int x = 0; x < 4; x++) {
      r.setPixel(x, 0, px[x]);
    }
    return new BufferedImage(cm, r, false, null);
  }

  private static int u(byte b) {
    return b & 0xFF;
  }

  @Test
  void grayAlpha8_keepsStoredGrayValues_notLinearToSrgbBrightened() {
    Pixels p = PixelNormalizer.toPixels(grayAlpha(8));
    assertThat(p.channels()).isEqualTo(4);
    // mid-gray 127 stays 127 (the JDK's CS_GRAY getRGB() would turn it into ~187)
    assertThat(new int[] {u(p.data()[4]), u(p.data()[5]), u(p.data()[6]), u(p.data()[7])})
        .containsExactly(127, 127, 127, 255);
    assertThat(u(p.data()[11])).isEqualTo(85); // alpha 255/3
    assertThat(u(p.data()[15])).isZero();
  }

  @Test
  void grayAlpha16_scalesTo8BitsWithRounding() {
    Pixels p = PixelNormalizer.toPixels(grayAlpha(16));
    assertThat(u(p.data()[4])).isEqualTo(127); // 32767/65535*255 = 127.5 → 127 (rounding half down at .5-ε)
    assertThat(u(p.data()[8])).isEqualTo(255);
    assertThat(u(p.data()[11])).isEqualTo(85); // 21845/65535*255 = 85
    assertThat(u(p.data()[12])).isEqualTo(64); // 16383 → 63.75 → 64
  }

  @Test
  void rgb16_isScaledPerChannel() {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
        Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster r = cm.createCompatibleWritableRaster(1, 1);
    r.setPixel(0, 0, new int[] {65535, 0, 257 * 200});
    Pixels p = PixelNormalizer.toPixels(new BufferedImage(cm, r, false, null));
    assertThat(p.channels()).isEqualTo(3);
    assertThat(new int[] {u(p.data()[0]), u(p.data()[1]), u(p.data()[2])}).containsExactly(255, 0, 200);
  }

  @Test
  void premultiplied_becomesStraightAlpha() {
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
    img.setRGB(0, 0, 0x80C86432); // setRGB takes straight ARGB: (200,100,50) at alpha 128
    Pixels p = PixelNormalizer.toPixels(img);
    assertThat(u(p.data()[0])).isBetween(198, 201);
    assertThat(u(p.data()[1])).isBetween(99, 101);
    assertThat(u(p.data()[2])).isBetween(49, 51);
    assertThat(u(p.data()[3])).isEqualTo(128);
  }

  @Test
  void paletteWithTransparency_keepsAlphaAndColours() {
    byte[] reds = {(byte) 255, 0};
    byte[] greens = {0, (byte) 255};
    byte[] blues = {0, 0};
    byte[] alphas = {(byte) 255, 0};
    IndexColorModel icm = new IndexColorModel(1, 2, reds, greens, blues, alphas);
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, icm);
    img.getRaster().setSample(1, 0, 0, 1);
    Pixels p = PixelNormalizer.toPixels(img);
    assertThat(p.channels()).isEqualTo(4);
    assertThat(new int[] {u(p.data()[0]), u(p.data()[1]), u(p.data()[2]), u(p.data()[3])})
        .containsExactly(255, 0, 0, 255);
    assertThat(u(p.data()[7])).isZero();
  }

  @Test
  void bgrBytes_areReorderedToRgb() {
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
    img.setRGB(0, 0, 0x123456);
    Pixels p = PixelNormalizer.toPixels(img);
    assertThat(new int[] {u(p.data()[0]), u(p.data()[1]), u(p.data()[2])}).containsExactly(0x12, 0x34, 0x56);
  }

  @Test
  void byteGray_isReplicatedUnchanged() {
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSample(0, 0, 0, 100);
    Pixels p = PixelNormalizer.toPixels(img);
    assertThat(new int[] {u(p.data()[0]), u(p.data()[1]), u(p.data()[2])}).containsExactly(100, 100, 100);
  }
}
