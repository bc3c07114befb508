package dev.optimizr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import dev.optimizr.codec.pixels.ColorProfiles;
import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
      "src/test/resources/edge/synthetic/icc-widegamut-rgb.jpg, 4", // decoded in its profile, converted in place
      "src/test/resources/edge/synthetic/cmyk-adobe.jpg, 8", // the JPEG reader converts CMYK into a 2nd raster
  })
  void estimate_countsTheCopiesThisImageNeeds(String file, int bytesPerPixel) throws Exception {
    byte[] data = Files.readAllBytes(Path.of(file));
    ImageFormat format = ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH));
    try (ImageDecoder d = ImageDecoder.open(data, format, new DecodeLimits(100_000_000, false))) {
      long pixels = (long) d.width() * d.height() * bytesPerPixel;
      // plus the file's bytes, which live through the conversion (less an ICC profile cut out for the reader)
      assertThat(d.estimatedHeapBytes()).isBetween(pixels + data.length - 65536, pixels + data.length);
    }
  }

  /**
   * A progressive JPEG is transcoded to baseline before it is decoded: its coefficients (2 bytes per sample,
   * 6 per pixel at 4:4:4) and the baseline stream are counted when they outweigh the raster, with the file itself.
   */
  @Test
  void progressiveJpeg_countsTheTranscodersCoefficients() throws Exception {
    byte[] data = Files.readAllBytes(Path.of("src/test/resources/progressive/prog-444.jpg"));
    try (ImageDecoder d = ImageDecoder.open(data, ImageFormat.JPEG, new DecodeLimits(100_000_000, false))) {
      long pixels = (long) d.width() * d.height();
      long blocks = 3L * ((d.width() + 7) / 8) * ((d.height() + 7) / 8);
      long estimate = d.estimatedHeapBytes();
      assertThat(estimate).isEqualTo(blocks * (128 + 8) + data.length + data.length / 4 + data.length)
          .isGreaterThan(pixels * 4);
      d.decode();
      assertThat(d.estimatedHeapBytes()).as("the same after the decode").isEqualTo(estimate);
    }
  }

  /**
   * Most photos carry a copy of sRGB that is not the JDK's own (here sRGB2014, the ICC's). The JPEG reader
   * used to decode those into a raw raster and convert it through LCMS into a second one (the 24-MP photo of
   * the real corpus: 397 ms and two 72 MB rasters, against 83 ms and one without the profile); now the
   * decode allocates what the same JPEG without a profile does.
   */
  @Test
  void jpegWithAnSrgbProfile_decodesIntoOneRaster() throws Exception {
    byte[] plain = Files.readAllBytes(TestImages.edge("synthetic/plasma-640x480.jpg"));
    byte[] srgb = TestImages.jpegIccProfile(Files.readAllBytes(TestImages.edge("libjpeg-turbo/monkey12.jpg")));
    byte[] tagged = TestImages.withJpegIccProfile(plain, srgb);
    long raster = 640 * 480 * 3;
    long untaggedBytes = decodeAllocation(plain);
    long taggedBytes = decodeAllocation(tagged);
    assertThat(untaggedBytes).as("sanity: one raster").isBetween(raster, 2 * raster);
    assertThat(taggedBytes).isLessThan(untaggedBytes + raster / 4);
  }

  /** Bytes this thread allocates to decode and normalise {@code jpeg}, after two warm-up decodes. */
  private static long decodeAllocation(byte[] jpeg) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = 0;
    for (int i = 0; i < 3; i++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      try (ImageDecoder d = ImageDecoder.open(jpeg, ImageFormat.JPEG, new DecodeLimits(100_000_000, false))) {
        ImageDecoder.Decoded decoded = d.decode();
        Pixels px = PixelNormalizer.toPixels(decoded.image());
        if (ColorProfiles.needsConversion(decoded.profile())) {
          ColorProfiles.toSrgb(px, decoded.profile());
        }
      }
      allocated = threads.getCurrentThreadAllocatedBytes() - before;
    }
    return allocated;
  }
}
