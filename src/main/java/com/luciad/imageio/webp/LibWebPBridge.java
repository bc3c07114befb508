package com.luciad.imageio.webp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * optimizr's door to webp-imageio's byte-array natives. Stateless and thread-safe (each call builds its own
 * libwebp config, freed by the library's Cleaner).
 *
 * <p>Why this class sits in webp-imageio's package: {@code WebPEncoderOptions} is package-private in
 * webp-imageio 0.11, and the public ImageIO writer copies the raster twice, throws on gray+alpha and
 * 16-bit images, and leaves a 0-byte file when it fails (docs/decisions.md, ADR-1). The jar is not sealed
 * and optimizr runs on the class path, so a same-package class can reach the package-private API.
 */
public final class LibWebPBridge {
  /**
   * webp-imageio's extracted copies, webp-imageio-VERSION-UUID-libwebp-imageio.so and its .lck (declared
   * before the static block, which uses it).
   */
  private static final Pattern EXTRACTED =
      Pattern.compile("webp-imageio-[0-9.]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-.+");

  static {
    // Without this, new WebPEncoderOptions() fails with UnsatisfiedLinkError (createConfig).
    WebPWrapper.loadNativeLibrary();
    try {
      removeStaleExtractions(Paths.get(System.getProperty("com.luciad.imageio.webp.tmpdir",
          System.getProperty("java.io.tmpdir"))), Instant.now().minus(Duration.ofHours(1)));
    } catch (RuntimeException e) {
      // tidying only: never a reason not to start
    }
  }

  /**
   * Deletes copies of the native library that earlier processes extracted into {@code dir} and left there,
   * last modified before {@code before}. webp-imageio removes its copy with {@code deleteOnExit}, which a
   * killed JVM never runs, and its own clean-up skips any copy whose .lck file remains: every run killed by a
   * timeout left ~0.8 MB in /tmp for good. A copy still in use is safe to unlink on Linux and macOS (the
   * mapping stays); the age limit keeps clear of a process between extracting and loading its copy.
   *
   * @return how many files were deleted
   */
  static int removeStaleExtractions(Path dir, Instant before) {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "webp-imageio-*")) {
      for (Path f : files) {
        try {
          if (EXTRACTED.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)
              && Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
            deleted++;
          }
        } catch (IOException e) {
          // another process's file we may not delete, or one deleted meanwhile
        }
      }
    } catch (IOException e) {
      // no readable temp directory: nothing to tidy
    }
    return deleted;
  }

  private LibWebPBridge() {}

  /**
   * libwebp's WebPConfig fields that optimizr sets; -1 in the five tuning fields keeps libwebp's default.
   * Immutable.
   */
  public record Options(float quality, int method, boolean lossless, int nearLossless, int alphaQuality,
      boolean exact, boolean sharpYuv, int targetSize, float targetPsnr, int snsStrength, int filterStrength,
      int filterSharpness, int preprocessing, int segments) {
    /** Lossy at {@code quality} and {@code method}, everything else libwebp's defaults. */
    public static Options lossy(float quality, int method) {
      return new Options(quality, method, false, 100, 100, false, false, 0, 0, -1, -1, -1, -1, -1);
    }
  }

  /**
   * Lossy-encodes interleaved 8-bit pixels (3 = RGB, 4 = straight RGBA) with no row padding.
   *
   * @return the WebP file's bytes, or null when libwebp refuses (e.g. a side over 16383 px)
   */
  public static byte[] encode(byte[] pixels, int width, int height, int channels, float quality, int method) {
    return encode(pixels, width, height, channels, Options.lossy(quality, method));
  }

  /**
   * Encodes interleaved 8-bit pixels (3 = RGB, 4 = straight RGBA) with no row padding.
   *
   * @return the WebP file's bytes, or null when libwebp refuses (e.g. a side over 16383 px)
   */
  public static byte[] encode(byte[] pixels, int width, int height, int channels, Options o) {
    WebPEncoderOptions options = new WebPEncoderOptions();
    options.setLossless(o.lossless() || o.nearLossless() < 100);
    options.setCompressionQuality(o.quality());
    options.setMethod(o.method());
    options.setNearLossless(o.nearLossless());
    options.setAlphaQuality(o.alphaQuality());
    options.setExact(o.exact());
    options.setUseSharpYUV(o.sharpYuv());
    options.setTargetSize(o.targetSize());
    options.setTargetPSNR(o.targetPsnr());
    if (o.snsStrength() >= 0) {
      options.setSnsStrength(o.snsStrength());
    }
    if (o.filterStrength() >= 0) {
      options.setFilterStrength(o.filterStrength());
    }
    if (o.filterSharpness() >= 0) {
      options.setFilterSharpness(o.filterSharpness());
    }
    if (o.preprocessing() >= 0) {
      options.setPreprocessing(o.preprocessing());
    }
    if (o.segments() >= 0) {
      options.setSegments(o.segments());
    }
    return channels == 4
        ? WebPWrapper.INSTANCE.encodeRGBA(options, pixels, width, height, width * 4)
        : WebPWrapper.INSTANCE.encodeRGB(options, pixels, width, height, width * 3);
  }

  /**
   * Encodes one pixel, so that a libwebp that cannot load (no writable, executable temp directory for the
   * extracted library) is reported once at start-up instead of failing every image.
   *
   * @throws LinkageError or a runtime exception when libwebp is unusable
   */
  public static void selfTest() {
    if (encode(new byte[3], 1, 1, 3, 50, 0) == null) {
      throw new IllegalStateException("libwebp could not encode a 1x1 test image");
    }
  }

  /**
   * Decodes a WebP file to ARGB ints (alpha is undefined when the image has none), for verification.
   *
   * @param info receives {status, width, height, hasAlpha}: four ints
   */
  public static int[] decodeArgb(byte[] webp, int[] info) {
    WebPDecoderOptions options = new WebPDecoderOptions();
    return WebPWrapper.INSTANCE.decode(options, webp, 0, webp.length, info);
  }
}
