package dev.optimizr.codec.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.codec.meta.Orientation;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For each EXIF orientation, builds the "stored" image a camera would write from an upright picture,
 * using an independent AffineTransform model of the tag, and checks that applying the tag restores it.
 */
class UprightTest {
  private static final int W = 5;
  private static final int H = 3;

  /** Maps an upright display pixel to its stored position, per the EXIF 2.32 definitions. */
  private static AffineTransform displayToStored(int o) {
    // new AffineTransform(m00, m10, m01, m11, m02, m12): sx = m00*x + m01*y + m02, sy = m10*x + m11*y + m12.
    return switch (o) {
      case 1 -> new AffineTransform();
      case 2 -> new AffineTransform(-1, 0, 0, 1, W - 1, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, W - 1, H - 1);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, H - 1);
      // 5-8: EXIF "0th row is the visual left/right side, 0th column the top/bottom": stored = (H, W).
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // sx = y, sy = x
      case 6 -> new AffineTransform(0, -1, 1, 0, 0, W - 1); // sx = y, sy = W-1-x
      case 7 -> new AffineTransform(0, -1, -1, 0, H - 1, W - 1); // sx = H-1-y, sy = W-1-x
      case 8 -> new AffineTransform(0, 1, -1, 0, H - 1, 0); // sx = H-1-y, sy = x
      default -> throw new IllegalArgumentException();
    };
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void apply_restoresTheUprightPicture(int orientation) {
    Random r = new Random(orientation);
    byte[] upright = new byte[W * H * 3];
    r.nextBytes(upright);
    boolean swap = orientation >= 5;
    int sw = swap ? H : W;
    int sh = swap ? W : H;
    byte[] stored = new byte[upright.length];
    AffineTransform t = displayToStored(orientation);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        Point2D s = t.transform(new Point2D.Double(x, y), null);
        int sx = (int) Math.round(s.getX());
        int sy = (int) Math.round(s.getY());
        assertThat(sx).isBetween(0, sw - 1);
        assertThat(sy).isBetween(0, sh - 1);
        System.arraycopy(upright, (y * W + x) * 3, stored, (sy * sw + sx) * 3, 3);
      }
    }

    Pixels out = Upright.apply(new Pixels(sw, sh, 3, stored), Orientation.ofExif(orientation));

    assertThat(out.width()).isEqualTo(W);
    assertThat(out.height()).isEqualTo(H);
    assertThat(out.data()).isEqualTo(upright);
  }
}
