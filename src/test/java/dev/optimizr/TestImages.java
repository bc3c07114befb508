package dev.optimizr;

import com.luciad.imageio.webp.LibWebPBridge;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ImageConverter;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.LocalSink;
import dev.optimizr.io.LocalSource;
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

  /**
   * {@code jpeg} with {@code profile} embedded as APP2 "ICC_PROFILE" segments right after SOI, split into
   * pieces of at most 65,519 bytes with 1-based sequence numbers (ICC.1 Annex B.4).
   */
  public static byte[] withJpegIccProfile(byte[] jpeg, byte[] profile) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int piece = 65519;
    int count = (profile.length + piece - 1) / piece;
    for (int i = 0; i < count; i++) {
      int from = i * piece;
      int len = Math.min(piece, profile.length - from);
      int segment = 2 + 12 + 2 + len;
      out.write(0xFF);
      out.write(0xE2);
      out.write(segment >> 8);
      out.write(segment & 0xFF);
      out.writeBytes("ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      out.write(i + 1);
      out.write(count);
      out.write(profile, from, len);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** The ICC profile of a JPEG: the APP2 "ICC_PROFILE" segments' payloads in sequence order (ICC.1 Annex B.4). */
  public static byte[] jpegIccProfile(byte[] jpeg) {
    java.util.TreeMap<Integer, byte[]> pieces = new java.util.TreeMap<>();
    int pos = 2;
    while (pos + 4 < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF && (jpeg[pos + 1] & 0xFF) != 0xDA) {
      int len = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
      if ((jpeg[pos + 1] & 0xFF) == 0xE2 && new String(jpeg, pos + 4, 11, java.nio.charset.StandardCharsets.US_ASCII)
          .equals("ICC_PROFILE")) {
        pieces.put(jpeg[pos + 16] & 0xFF, java.util.Arrays.copyOfRange(jpeg, pos + 18, pos + 2 + len));
      }
      pos += 2 + len;
    }
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    pieces.values().forEach(b::writeBytes);
    if (b.size() == 0) {
      throw new IllegalArgumentException("the JPEG has no ICC profile");
    }
    return b.toByteArray();
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

  /** Converts the local file {@code source} to {@code target} through the production writer. */
  public static ImageConverter.Converted convert(ImageConverter converter, Path source, Path target)
      throws ConversionException {
    LocalSource in;
    try {
      in = LocalSource.of(source);
    } catch (IOException missing) {
      in = new LocalSource(source, 0, 0); // the converter reports the missing file itself
    }
    return converter.convert(in, new LocalSink(target, new AtomicFileWriter()));
  }
}
