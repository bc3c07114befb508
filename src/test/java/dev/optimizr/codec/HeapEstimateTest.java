package dev.optimizr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admission estimate follows what the pipeline allocates: too high and large images run one at a time
 * while a core idles (six 24-MP photos took 13.0 s instead of 6.5 s); too low and they run out of heap.
 */
class HeapEstimateTest {

  @ParameterizedTest(name = "{0}: {1} bytes per pixel")
  @CsvSource({
      "src/test/resources/edge/exif-orientation-examples/Landscape_1.jpg, 4", // RGB, decoded in place, upright
      "src/test/resources/edge/exif-orientation-examples/Landscape_6.jpg, 8", // + the rotated copy
      "src/test/resources/edge/pngsuite/basn2c08.png, 4", // 8-bit RGB
      "src/test/resources/edge/pngsuite/basn6a08.png, 4", // 8-bit RGBA
      "src/test/resources/edge/pngsuite/basn0g08.png, 5", // 8-bit gray: 1-byte raster + RGB(A) copy
      "src/test/resources/edge/pngsuite/basn3p08.png, 5", // palette: 1-byte indices + RGB(A) copy
      "src/test/resources/edge/pngsuite/basn2c16.png, 10", // 16-bit RGB: 6 bytes of shorts + RGB(A) copy
      "src/test/resources/edge/wuffs/bricks-gray.jpeg, 5", // gray JPEG: 1-byte raster + RGB(A) copy
      "src/test/resources/edge/wuffs/red-blue-gradient.dcip3d65-no-chrm-no-gama.png, 4", // iCCP: converted in place
      "src/test/resources/edge/synthetic/icc-widegamut-rgb.jpg, 8", // the JPEG reader converts into a 2nd raster
  })
  void estimate_countsTheCopiesThisImageNeeds(String file, int bytesPerPixel) throws Exception {
    byte[] data = Files.readAllBytes(Path.of(file));
    ImageFormat format = ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH));
    try (ImageDecoder d = ImageDecoder.open(data, format, new DecodeLimits(100_000_000, false))) {
      assertThat(d.estimatedHeapBytes()).isEqualTo((long) d.width() * d.height() * bytesPerPixel);
    }
  }
}
