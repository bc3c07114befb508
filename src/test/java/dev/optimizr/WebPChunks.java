package dev.optimizr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A test-side RIFF reader for WebP files, written from the container spec independently of the product. */
public final class WebPChunks {
  private WebPChunks() {}

  /** One chunk: FourCC and payload. */
  public record Chunk(String fourCc, byte[] payload) {}

  public static List<Chunk> read(Path webp) {
    try {
      return parse(Files.readAllBytes(webp));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a whole file; fails unless the RIFF size and every chunk size add up exactly. */
  public static List<Chunk> parse(byte[] b) {
    if (!new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
        || !new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
      throw new AssertionError("not a RIFF WEBP file");
    }
    if (le(b, 4, 4) != b.length - 8) {
      throw new AssertionError("RIFF size " + le(b, 4, 4) + " but the file has " + (b.length - 8) + " bytes after it");
    }
    List<Chunk> chunks = new ArrayList<>();
    int pos = 12;
    while (pos < b.length) {
      String cc = new String(b, pos, 4, StandardCharsets.US_ASCII);
      int size = (int) le(b, pos + 4, 4);
      chunks.add(new Chunk(cc, Arrays.copyOfRange(b, pos + 8, pos + 8 + size)));
      pos += 8 + size + (size & 1);
    }
    if (pos != b.length) {
      throw new AssertionError("chunks overrun the file");
    }
    return chunks;
  }

  public static List<String> fourCcs(Path webp) {
    return read(webp).stream().map(Chunk::fourCc).toList();
  }

  public static byte[] payload(Path webp, String fourCc) {
    return read(webp).stream().filter(c -> c.fourCc().equals(fourCc)).findFirst().map(Chunk::payload).orElse(null);
  }

  /** Little-endian unsigned integer of {@code n} bytes. */
  public static long le(byte[] b, int p, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }

  /** The EXIF Orientation (tag 0x0112) of IFD0 in a TIFF block, or 0 when there is none. */
  public static int tiffOrientation(byte[] tiff) {
    boolean little = tiff[0] == 'I';
    int ifd = (int) u(tiff, 4, 4, little);
    int count = (int) u(tiff, ifd, 2, little);
    for (int i = 0; i < count; i++) {
      int e = ifd + 2 + 12 * i;
      if (u(tiff, e, 2, little) == 0x0112) {
        return (int) u(tiff, e + 8, 2, little);
      }
    }
    return 0;
  }

  private static long u(byte[] b, int p, int n, boolean little) {
    if (little) {
      return le(b, p, n);
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }
}
