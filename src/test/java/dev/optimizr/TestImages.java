package dev.optimizr;

import com.luciad.imageio.webp.LibWebPBridge;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import javax.imageio.ImageIO;

/** Test helpers: resources on disk, generated images, and decoding WebP output back to pixels. */
public final class TestImages {
  private TestImages() {}

  /** The copy of ../shared/corpus/edge under src/test/resources/edge. */
  public static Path edge() {
    try {
      return Paths.get(TestImages.class.getResource("/edge/MANIFEST.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path edge(String relative) {
    return edge().resolve(relative);
  }

  /** Decodes a WebP file with libwebp into an ARGB image. */
  public static BufferedImage decodeWebP(Path webp) {
    try {
      byte[] data = Files.readAllBytes(webp);
      int[] info = new int[4];
      int[] argb = LibWebPBridge.decodeArgb(data, info);
      if (argb == null) {
        throw new IllegalStateException("libwebp could not decode " + webp);
      }
      if (info[3] == 0) {
        for (int i = 0; i < argb.length; i++) {
          argb[i] |= 0xFF000000;
        }
      }
      BufferedImage img = new BufferedImage(info[1], info[2], BufferedImage.TYPE_INT_ARGB);
      img.setRGB(0, 0, info[1], info[2], argb, 0, info[1]);
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A smooth, seeded RGB image that compresses like a photo. */
  public static BufferedImage photoLike(int w, int h, long seed) {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    double fx = 1 + r.nextInt(5);
    double fy = 1 + r.nextInt(5);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int red = (int) (127 + 127 * Math.sin(fx * x / (double) w * Math.PI));
        int green = (int) (127 + 127 * Math.cos(fy * y / (double) h * Math.PI));
        int blue = (x * 7 + y * 3 + r.nextInt(16)) & 0xFF;
        img.setRGB(x, y, (red << 16) | (green << 8) | blue);
      }
    }
    return img;
  }

  /** Writes {@code img} as {@code format} ("png" or "jpeg") to {@code file}, creating parent folders. */
  public static Path write(BufferedImage img, String format, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(img, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format + " / type " + img.getType());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mean of each of R, G, B over the opaque pixels. */
  public static double[] meanRgb(BufferedImage img) {
    double[] sum = new double[3];
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int v = img.getRGB(x, y);
        sum[0] += (v >> 16) & 0xFF;
        sum[1] += (v >> 8) & 0xFF;
        sum[2] += v & 0xFF;
        n++;
      }
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  /** Mean absolute difference per channel (RGB) between two same-sized images. */
  public static double meanAbsDiff(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return Double.MAX_VALUE;
    }
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s <= 16; s += 8) {
          sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  /** Copies {@code seed} {@code count} times as {@code dir/(i % folders)/img<i><ext>}: a tree of many files. */
  public static void copies(Path seed, Path dir, int count, int folders) {
    String name = seed.getFileName().toString();
    String ext = name.substring(name.lastIndexOf('.'));
    try {
      for (int i = 0; i < count; i++) {
        Path p = dir.resolve((i % folders) + "/img" + i + ext);
        Files.createDirectories(p.getParent());
        Files.copy(seed, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
