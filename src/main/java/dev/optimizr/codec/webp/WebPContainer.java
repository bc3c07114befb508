package dev.optimizr.codec.webp;

import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds ICC, EXIF and XMP chunks to a WebP file by writing the extended (VP8X) container, following the WebP
 * container specification (RFC 9649, "Extended File Format"). Stateless and thread-safe.
 *
 * <p>libwebp's simple encode API returns either a plain RIFF around one VP8/VP8L chunk, or, for lossy with
 * alpha, a VP8X container with ALPH + VP8. Either way this class writes exactly one VP8X chunk, keeping
 * the image chunks in their order: VP8X, ICCP, ALPH, VP8/VP8L, EXIF, XMP.
 */
public final class WebPContainer {
  static final int FLAG_ICC = 0x20;
  static final int FLAG_ALPHA = 0x10;
  static final int FLAG_EXIF = 0x08;
  static final int FLAG_XMP = 0x04;
  /** Canvas sides are stored as 24-bit "minus one" values. */
  private static final int MAX_CANVAS = 1 << 24;

  private WebPContainer() {}

  /** One chunk: its FourCC and payload (without the padding byte). */
  record Chunk(String fourCc, byte[] payload) {}

  /**
   * Returns {@code webp} with the given metadata chunks (each may be null); {@code webp} itself when all
   * are null.
   */
  public static byte[] withMetadata(byte[] webp, int width, int height, byte[] icc, byte[] exif, byte[] xmp)
      throws ConversionException {
    if (icc == null && exif == null && xmp == null) {
      return webp;
    }
    if (width < 1 || height < 1 || width > MAX_CANVAS || height > MAX_CANVAS) {
      throw new IllegalArgumentException("canvas " + width + "x" + height + " out of range");
    }
    int flags = 0;
    List<Chunk> image = new ArrayList<>();
    for (Chunk c : parse(webp)) {
      switch (c.fourCc()) {
        case "VP8X" -> flags = c.payload()[0] & 0xFF & ~(FLAG_ICC | FLAG_EXIF | FLAG_XMP);
        case "ICCP", "EXIF", "XMP " -> { } // replaced below (libwebp writes none of them)
        case "ALPH" -> {
          flags |= FLAG_ALPHA;
          image.add(c);
        }
        case "VP8L" -> {
          // VP8L header: signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used.
          if (c.payload().length >= 5 && ((c.payload()[4] >> 4) & 1) == 1) {
            flags |= FLAG_ALPHA;
          }
          image.add(c);
        }
        default -> image.add(c);
      }
    }
    flags |= (icc != null ? FLAG_ICC : 0) | (exif != null ? FLAG_EXIF : 0) | (xmp != null ? FLAG_XMP : 0);
    ByteArrayOutputStream body = new ByteArrayOutputStream(webp.length + 64);
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    byte[] vp8x = new byte[10];
    vp8x[0] = (byte) flags;
    put24(vp8x, 4, width - 1);
    put24(vp8x, 7, height - 1);
    writeChunk(body, "VP8X", vp8x);
    if (icc != null) {
      writeChunk(body, "ICCP", icc);
    }
    for (Chunk c : image) {
      writeChunk(body, c.fourCc(), c.payload());
    }
    if (exif != null) {
      writeChunk(body, "EXIF", exif);
    }
    if (xmp != null) {
      writeChunk(body, "XMP ", xmp);
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream(body.size() + 8);
    file.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    file.writeBytes(le32(body.size()));
    file.writeBytes(body.toByteArray());
    return file.toByteArray();
  }

  /** The chunks of a RIFF WebP file, in order. */
  static List<Chunk> parse(byte[] webp) throws ConversionException {
    if (webp.length < 12 || !ascii(webp, 0).equals("RIFF") || !ascii(webp, 8).equals("WEBP")) {
      throw new ConversionException(ErrorType.ENCODE_ERROR, "libwebp returned something that is not a WebP file");
    }
    List<Chunk> chunks = new ArrayList<>();
    int pos = 12;
    while (pos + 8 <= webp.length) {
      String fourCc = ascii(webp, pos);
      long size = (webp[pos + 4] & 0xFFL) | (webp[pos + 5] & 0xFFL) << 8 | (webp[pos + 6] & 0xFFL) << 16
          | (webp[pos + 7] & 0xFFL) << 24;
      if (size > webp.length - pos - 8L) {
        throw new ConversionException(ErrorType.ENCODE_ERROR, "libwebp returned a truncated " + fourCc + " chunk");
      }
      int start = pos + 8;
      chunks.add(new Chunk(fourCc, java.util.Arrays.copyOfRange(webp, start, start + (int) size)));
      pos = start + (int) size + (int) (size & 1);
    }
    return chunks;
  }

  private static void writeChunk(ByteArrayOutputStream out, String fourCc, byte[] payload) {
    out.writeBytes(fourCc.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le32(payload.length));
    out.writeBytes(payload);
    if ((payload.length & 1) == 1) {
      out.write(0); // chunks are padded to an even size; the size field does not count the padding
    }
  }

  private static String ascii(byte[] b, int p) {
    return new String(b, p, 4, StandardCharsets.US_ASCII);
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  private static void put24(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >> 8);
    b[p + 2] = (byte) (v >> 16);
  }
}
