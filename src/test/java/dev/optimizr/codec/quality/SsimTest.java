package dev.optimizr.codec.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SSIM against values computed independently: src/test/resources/ssim/reference_ssim.py transcribes the
 * authors' ssim_index.m (Wang et al. 2004) in numpy/scipy; the pair is a 96×64 crop of the public-domain
 * Wuffs "harvesters" photo and two distortions made with ImageMagick (JPEG q15, Gaussian blur σ 1.2).
 */
class SsimTest {
  private static final double C1 = Math.pow(0.01 * 255, 2);

  @Test
  void matchesTheReferenceImplementation_onRealDistortions() throws Exception {
    Ssim.Luma ref = pgm("reference.pgm");
    // Printed by reference_ssim.py.
    assertThat(Ssim.mean(ref, pgm("distorted-jpeg-q15.pgm"))).isCloseTo(0.7270878685, within(1e-7));
    assertThat(Ssim.mean(ref, pgm("distorted-blur.pgm"))).isCloseTo(0.7409491183, within(1e-7));
  }

  @Test
  void identicalImages_score1_andTheIndexIsSymmetric() throws Exception {
    Ssim.Luma ref = pgm("reference.pgm");
    Ssim.Luma jpeg = pgm("distorted-jpeg-q15.pgm");
    assertThat(Ssim.mean(ref, ref)).isCloseTo(1.0, within(1e-12));
    assertThat(Ssim.mean(jpeg, ref)).isCloseTo(Ssim.mean(ref, jpeg), within(1e-12));
  }

  /** Two flat images: both variances are 0, so SSIM = (2ab + C1) / (a² + b² + C1) exactly (eq. 13 of the paper). */
  @Test
  void flatImages_followTheClosedForm() {
    for (int[] ab : new int[][] {{100, 110}, {20, 200}, {0, 255}}) {
      double a = ab[0];
      double b = ab[1];
      assertThat(Ssim.mean(flat(40, 30, ab[0]), flat(40, 30, ab[1])))
          .isCloseTo((2 * a * b + C1) / (a * a + b * b + C1), within(1e-9));
    }
  }

  @Test
  void moreNoise_lowerScore() {
    Ssim.Luma ref = noisy(64, 64, 0, 1);
    assertThat(Ssim.mean(ref, noisy(64, 64, 5, 2))).isGreaterThan(Ssim.mean(ref, noisy(64, 64, 20, 2)));
  }

  private static Ssim.Luma flat(int w, int h, int v) {
    return luma(w, h, (x, y) -> v);
  }

  private static Ssim.Luma noisy(int w, int h, int amplitude, long seed) {
    Random r = new Random(seed);
    double[] noise = new double[w * h];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = amplitude * r.nextGaussian();
    }
    return luma(w, h, (x, y) -> Math.max(0, Math.min(255, 128 + 60 * Math.sin(x / 5.0) * Math.cos(y / 7.0)
        + noise[y * w + x])));
  }

  private interface Field {
    double at(int x, int y);
  }

  private static Ssim.Luma luma(int w, int h, Field f) {
    return new Ssim.Luma() {
      public int width() {
        return w;
      }

      public int height() {
        return h;
      }

      public void row(int y, double[] out) {
        for (int x = 0; x < w; x++) {
          out[x] = f.at(x, y);
        }
      }
    };
  }

  /** Binary PGM (P5, 8-bit) as ImageMagick writes it. */
  private static Ssim.Luma pgm(String name) throws IOException, URISyntaxException {
    byte[] b = Files.readAllBytes(Paths.get(SsimTest.class.getResource("/ssim/" + name).toURI()));
    String[] header = new String(b, 0, 20, java.nio.charset.StandardCharsets.US_ASCII).split("\n");
    String[] wh = header[1].split(" ");
    int w = Integer.parseInt(wh[0]);
    int h = Integer.parseInt(wh[1]);
    int offset = header[0].length() + header[1].length() + header[2].length() + 3;
    return luma(w, h, (x, y) -> b[offset + y * w + x] & 0xFF);
  }
}
