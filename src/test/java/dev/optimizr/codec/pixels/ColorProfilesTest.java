package dev.optimizr.codec.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.codec.png.PngStructure;
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
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strip-wise, in-place conversion to sRGB gives exactly what one LCMS call over the whole image gives. */
class ColorProfilesTest {

  @ParameterizedTest(name = "{0} rows, {1} channels")
  @CsvSource({"1, 3", "63, 4", "64, 3", "65, 4", "200, 3", "129, 4"})
  void stripConversion_equalsWholeImageConversion_andLeavesAlphaAlone(int height, int channels) throws Exception {
    // Display P3 (the iCCP of Wuffs' red-blue-gradient test PNG): wider than sRGB, so saturated colours move.
    ICC_Profile p3 = ICC_Profile.getInstance(PngStructure.scan(Files.readAllBytes(
        TestImages.edge("wuffs/red-blue-gradient.dcip3d65-no-chrm-no-gama.png"))).iccProfile());
    int width = 37;
    byte[] data = new byte[width * height * channels];
    new Random(height * 7L + channels).nextBytes(data);
    byte[] original = data.clone();

    Pixels converted = ColorProfiles.toSrgb(new Pixels(width, height, channels, data), p3);

    assertThat(converted.data()).isSameAs(data); // in place: no second image-sized array
    assertThat(data).isEqualTo(wholeImage(original, width, height, channels, p3));
    assertThat(data).isNotEqualTo(original);
    for (int i = 3; channels == 4 && i < data.length; i += 4) {
      assertThat(data[i]).isEqualTo(original[i]);
    }
  }

  /** The previous implementation: one ColorConvertOp over the whole image into a new array. */
  private static byte[] wholeImage(byte[] src, int w, int h, int n, ICC_Profile profile) {
    byte[] dst = new byte[src.length];
    new ColorConvertOp(null).filter(image(src.clone(), w, h, n, new ICC_ColorSpace(profile)),
        image(dst, w, h, n, ColorSpace.getInstance(ColorSpace.CS_sRGB)));
    return dst;
  }

  private static BufferedImage image(byte[] data, int w, int h, int n, ColorSpace cs) {
    boolean alpha = n == 4;
    ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    return new BufferedImage(cm, Raster.createInterleavedRaster(new DataBufferByte(data, data.length), w, h, w * n, n,
        alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2}, null), false, null);
  }
}
