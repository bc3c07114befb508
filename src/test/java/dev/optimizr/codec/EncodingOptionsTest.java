package dev.optimizr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.optimizr.TestImages;
import dev.optimizr.WebPChunks;
import dev.optimizr.codec.meta.MetadataKind;
import dev.optimizr.codec.pixels.PixelNormalizer;
import dev.optimizr.codec.pixels.Pixels;
import dev.optimizr.codec.quality.Ssim;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.Preset;
import dev.optimizr.codec.webp.WebPEncoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each encoding option, checked on the decoded output. */
class EncodingOptionsTest {
  @TempDir Path tmp;

  private static final EncodeSettings Q80 = new EncodeSettings(80, 4);

  private static ConvertOptions opts(EncodeSettings s) {
    return ConvertOptions.of(s);
  }

  private ImageConverter.Converted convert(ConvertOptions o, Path source, Path out) throws Exception {
    return TestImages.convert(new ImageConverter(o, new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, false)), source, out);
  }

  private Path convert(ConvertOptions o, String edgeFile) throws Exception {
    Path out = tmp.resolve(edgeFile.replace('/', '_') + ".webp");
    convert(o, TestImages.edge(edgeFile), out);
    return out;
  }

  /** Straight-alpha RGBA art with every alpha level and fully transparent pixels whose RGB is not zero. */
  private static BufferedImage alphaArt() {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        int a = x < 8 ? 0 : (x * 4 + y) & 0xFF;
        img.setRGB(x, y, a << 24 | (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) & 0xFF));
      }
    }
    return img;
  }

  @Test
  void lossless_decodesPixelIdenticalIncludingAlpha() throws Exception {
    BufferedImage src = alphaArt();
    Path png = TestImages.write(src, "png", tmp.resolve("art.png"));
    Path out = tmp.resolve("art.webp");
    convert(opts(Q80.asLossless()), png, out);
    BufferedImage got = TestImages.decodeWebP(out);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        int s = src.getRGB(x, y);
        int g = got.getRGB(x, y);
        assertThat(g >>> 24).as("alpha at %d,%d", x, y).isEqualTo(s >>> 24);
        if (s >>> 24 != 0) {
          assertThat(g).as("pixel at %d,%d", x, y).isEqualTo(s);
        }
      }
    }
  }

  @Test
  void losslessExact_keepsRgbUnderTransparentPixels_withoutExactTheyAreSimplified() throws Exception {
    BufferedImage src = alphaArt();
    Path png = TestImages.write(src, "png", tmp.resolve("art.png"));
    EncodeSettings exact = new EncodeSettings(80, 4, true, 100, 100, true, false, 0, 0, Preset.DEFAULT);
    convert(opts(exact), png, tmp.resolve("exact.webp"));
    convert(opts(Q80.asLossless()), png, tmp.resolve("plain.webp"));
    BufferedImage got = TestImages.decodeWebP(tmp.resolve("exact.webp"));
    BufferedImage plain = TestImages.decodeWebP(tmp.resolve("plain.webp"));
    int hiddenDiffer = 0;
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        assertThat(got.getRGB(x, y)).as("pixel at %d,%d", x, y).isEqualTo(src.getRGB(x, y));
        if (src.getRGB(x, y) >>> 24 == 0 && plain.getRGB(x, y) != src.getRGB(x, y)) {
          hiddenDiffer++;
        }
      }
    }
    assertThat(hiddenDiffer).as("without -exact libwebp rewrites hidden RGB").isPositive();
  }

  @Test
  void method6_isSmallerThanMethod0_onAPhoto() throws Exception {
    long m0 = Files.size(convert(opts(new EncodeSettings(80, 0)), "wuffs/hat.jpeg"));
    Path m6 = tmp.resolve("m6.webp");
    convert(opts(new EncodeSettings(80, 6)), TestImages.edge("wuffs/hat.jpeg"), m6);
    assertThat(Files.size(m6)).isLessThan(m0);
  }

  @Test
  void maxWidth_boundsTheDisplayedImage_keepsTheAspect_neverEnlarges() throws Exception {
    // Landscape_6 is stored 1200x1800 with Orientation 6: displayed 1800 wide, 1200 high.
    ConvertOptions w300 = new ConvertOptions(Q80, 300, 0, Set.of(), PngMode.AUTO, 0, false);
    BufferedImage a = TestImages.decodeWebP(convert(w300, "exif-orientation-examples/Landscape_6.jpg"));
    assertThat(a.getWidth()).isEqualTo(300);
    assertThat(a.getHeight()).isEqualTo(200);

    ConvertOptions box = new ConvertOptions(Q80, 500, 100, Set.of(), PngMode.AUTO, 0, false);
    BufferedImage b = TestImages.decodeWebP(convert(box, "libjpeg-turbo/testorig.jpg")); // 227x149
    assertThat(b.getHeight()).isEqualTo(100);
    assertThat(b.getWidth()).isEqualTo(152); // 227 * 100/149 = 152.3

    ConvertOptions huge = new ConvertOptions(Q80, 5000, 5000, Set.of(), PngMode.AUTO, 0, false);
    BufferedImage c = TestImages.decodeWebP(convert(huge, "libjpeg-turbo/testorig.jpg"));
    assertThat(c.getWidth()).isEqualTo(227);
    assertThat(c.getHeight()).isEqualTo(149);
  }

  /**
   * A 1-px black/white checkerboard shrunk 8x must become even gray: nearest-neighbour or a one-step
   * bilinear shrink samples it into solid black, white or moiré.
   */
  @Test
  void maxWidth_filtersInsteadOfSampling() throws Exception {
    BufferedImage checker = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 400; y++) {
      for (int x = 0; x < 800; x++) {
        checker.setRGB(x, y, ((x + y) & 1) == 0 ? 0xFFFFFF : 0);
      }
    }
    Path png = TestImages.write(checker, "png", tmp.resolve("checker.png"));
    Path out = tmp.resolve("checker.webp");
    convert(new ConvertOptions(Q80.asLossless(), 100, 0, Set.of(), PngMode.AUTO, 0, false), png, out);
    BufferedImage got = TestImages.decodeWebP(out);
    assertThat(got.getWidth()).isEqualTo(100);
    assertThat(got.getHeight()).isEqualTo(50);
    for (int y = 2; y < 48; y++) {
      for (int x = 2; x < 98; x++) {
        assertThat(got.getRGB(x, y) & 0xFF).as("at %d,%d", x, y).isCloseTo(128, within(3));
      }
    }
  }

  @Test
  void metadataExif_keepsTheExifChunk_withOrientation1_andUprightPixels() throws Exception {
    ConvertOptions exif = new ConvertOptions(Q80, 0, 0, EnumSet.of(MetadataKind.EXIF), PngMode.AUTO, 0, false);
    Path out = convert(exif, "exif-orientation-examples/Landscape_6.jpg");
    assertThat(WebPChunks.fourCcs(out)).containsExactly("VP8X", "VP8 ", "EXIF");
    byte[] tiff = WebPChunks.payload(out, "EXIF");
    assertThat(new String(tiff, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isIn("II", "MM");
    assertThat(WebPChunks.tiffOrientation(tiff)).isEqualTo(1);
    BufferedImage img = TestImages.decodeWebP(out);
    assertThat(img.getWidth()).isEqualTo(1800);
    assertThat(img.getHeight()).isEqualTo(1200);
  }

  @Test
  void metadataNone_writesNoExifOrIccChunk() throws Exception {
    Path out = convert(opts(Q80), "exif-orientation-examples/Landscape_6.jpg");
    assertThat(WebPChunks.fourCcs(out)).containsExactly("VP8 ");
    Path icc = convert(opts(Q80), "synthetic/icc-widegamut-rgb.jpg");
    assertThat(WebPChunks.fourCcs(icc)).doesNotContain("ICCP", "EXIF", "XMP ");
  }

  /**
   * The ICC profile is copied byte for byte (compared with the APP2 payload read here), and the pixels stay
   * in that profile's colours: mean 82, 80, 77 unconverted vs 76.1, 77.8, 73.3 converted to sRGB (see
   * ImageConverterTest).
   */
  @Test
  void metadataIcc_embedsTheProfileByteIdentical_andLeavesPixelsUnconverted() throws Exception {
    ConvertOptions icc = new ConvertOptions(Q80, 0, 0, EnumSet.of(MetadataKind.ICC), PngMode.AUTO, 0, false);
    Path out = convert(icc, "synthetic/icc-widegamut-rgb.jpg");
    assertThat(WebPChunks.fourCcs(out)).containsExactly("VP8X", "ICCP", "VP8 ");
    assertThat(WebPChunks.payload(out, "ICCP"))
        .isEqualTo(TestImages.jpegIccProfile(Files.readAllBytes(TestImages.edge("synthetic/icc-widegamut-rgb.jpg"))));
    double[] m = TestImages.meanRgb(TestImages.decodeWebP(out));
    assertThat(m[0]).isCloseTo(82, within(1.5));
    assertThat(m[1]).isCloseTo(80, within(1.5));
    assertThat(m[2]).isCloseTo(77, within(1.5));
  }

  @Test
  void pngAuto_flatColourPngIsLossless_photoPngIsLossy() throws Exception {
    BufferedImage flat = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = flat.createGraphics();
    g.setColor(new Color(0x2a5599));
    g.fillRect(0, 0, 300, 200);
    g.setColor(Color.ORANGE);
    g.fillRect(40, 30, 120, 80);
    g.setColor(Color.WHITE);
    g.fillOval(150, 90, 100, 100);
    g.dispose();
    Path flatOut = tmp.resolve("flat.webp");
    convert(opts(Q80), TestImages.write(flat, "png", tmp.resolve("flat.png")), flatOut);
    assertThat(WebPChunks.fourCcs(flatOut)).containsExactly("VP8L");
    assertThat(TestImages.meanAbsDiff(TestImages.decodeWebP(flatOut), flat)).isZero();

    Path photoPng = TestImages.write(ImageIO.read(TestImages.edge("wuffs/hat.jpeg").toFile()), "png",
        tmp.resolve("hat.png"));
    Path photoOut = tmp.resolve("hat.webp");
    ImageConverter.Converted c = convert(opts(Q80), photoPng, photoOut);
    assertThat(c.lossless()).isFalse();
    assertThat(WebPChunks.fourCcs(photoOut)).containsExactly("VP8 ");
  }

  @Test
  void targetSsim_reachesTheTargetOnRealPhotos_withTheLowestSuchQuality() throws Exception {
    for (String photo : new String[] {"wuffs/harvesters.jpeg", "libjpeg-turbo/testorig.jpg"}) {
      for (double target : new double[] {0.95, 0.99}) {
        ConvertOptions o = new ConvertOptions(Q80, 0, 0, Set.of(), PngMode.AUTO, target, false);
        Path out = tmp.resolve("ssim.webp");
        ImageConverter.Converted c = convert(o, TestImages.edge(photo), out);
        Pixels source = sourcePixels(photo);
        double got = Ssim.mean(Ssim.of(source), argbLuma(TestImages.decodeWebP(out)));
        assertThat(got).as("%s at %s", photo, target).isGreaterThanOrEqualTo(target).isCloseTo(c.ssim(), within(1e-9));
        if (c.quality() > 0) {
          byte[] lower = WebPEncoder.encode(source, Q80.withQuality(c.quality() - 1));
          Path l = Files.write(tmp.resolve("lower.webp"), lower);
          assertThat(Ssim.mean(Ssim.of(source), argbLuma(TestImages.decodeWebP(l))))
              .as("%s: quality %d - 1 should miss %s", photo, c.quality(), target).isLessThan(target);
        }
      }
    }
  }

  private static Pixels sourcePixels(String edgeFile) throws Exception {
    BufferedImage img = ImageIO.read(TestImages.edge(edgeFile).toFile());
    return PixelNormalizer.toPixels(img);
  }

  private static Ssim.Luma argbLuma(BufferedImage img) {
    int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    return Ssim.ofArgb(argb, img.getWidth(), img.getHeight(), false);
  }
}
