package dev.optimizr.codec.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.ImageDecoder;
import dev.optimizr.codec.ImageFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding straight into libwebp's R,G,B(,A) layout must give the very pixels the readers' default types give
 * (for a JPEG with a wide-gamut profile, which the reader no longer converts itself: within one level after
 * the in-place conversion, from rounding in the YCbCr conversion, done in Java by the reader's path).
 */
class DestinationsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "samples/photos/Landscape_6.jpg, 3, 0", // YCbCr JPEG (JDK reader under TwelveMonkeys)
      "samples/photos/bricks-color.jpeg, 3, 0",
      "src/test/resources/edge/synthetic/icc-widegamut-rgb.jpg, 3, 1", // TwelveMonkeys converts the profile
      "src/test/resources/edge/libjpeg-turbo/vgl_5674_0098.png, 3, 0",
      "src/test/resources/edge/pngsuite/basn2c08.png, 3, 0", // RGB PNG
      "src/test/resources/edge/pngsuite/basn6a08.png, 4, 0", // RGBA PNG
  })
  void rgbOrderedDecode_equalsDefaultDecode_andHandsOverTheArrayWithoutACopy(String file, int channels,
      int tolerance) throws Exception {
    byte[] data = Files.readAllBytes(Path.of(file));
    ImageFormat format = ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH));

    BufferedImage decoded;
    Pixels fast;
    try (ImageDecoder d = ImageDecoder.open(data, format, new DecodeLimits(100_000_000, false))) {
      ImageDecoder.Decoded result = d.decode();
      decoded = result.image();
      fast = PixelNormalizer.toPixels(decoded);
      assertThat(ColorProfiles.needsConversion(result.profile())).isEqualTo(tolerance > 0);
      if (tolerance > 0) {
        ColorProfiles.toSrgb(fast, result.profile());
      }
    }
    Pixels reference = PixelNormalizer.toPixels(defaultTypeDecode(data, decoded));

    assertThat(fast.channels()).isEqualTo(channels);
    if (tolerance == 0) {
      assertThat(fast.data()).isEqualTo(reference.data());
    } else {
      int worst = 0;
      for (int i = 0; i < fast.data().length; i++) {
        worst = Math.max(worst, Math.abs((fast.data()[i] & 0xFF) - (reference.data()[i] & 0xFF)));
      }
      assertThat(worst).as("largest difference in any channel").isLessThanOrEqualTo(tolerance);
    }
    assertThat(fast.data()).isSameAs(((DataBufferByte) decoded.getRaster().getDataBuffer()).getData());
  }

  /** The same reader class with its default destination (TYPE_3BYTE_BGR / TYPE_4BYTE_ABGR). */
  private static BufferedImage defaultTypeDecode(byte[] data, BufferedImage like) throws Exception {
    String type = data[0] == (byte) 0xFF ? "jpeg" : "png";
    String wanted = type.equals("jpeg") ? "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader"
        : "com.sun.imageio.plugins.png.PNGImageReader";
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(type);
    while (it.hasNext()) {
      ImageReader r = it.next();
      if (r.getClass().getName().equals(wanted)) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(data))) {
          r.setInput(in);
          BufferedImage image = r.read(0);
          assertThat(image.getType()).isIn(BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR);
          assertThat(image.getWidth()).isEqualTo(like.getWidth());
          return image;
        } finally {
          r.dispose();
        }
      }
    }
    throw new AssertionError("no " + wanted);
  }
}
