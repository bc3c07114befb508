package dev.optimizr.codec.png;

import dev.optimizr.codec.meta.ExifOrientation;
import dev.optimizr.codec.meta.Orientation;
import dev.optimizr.codec.meta.SourceMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The chunk layer of a PNG, checked before decoding: the JDK reader ignores CRCs and misses some
 * truncations, so damage is found here. Also extracts the iCCP profile, the eXIf block (and its
 * orientation) and an XMP packet from iTXt. Immutable.
 *
 * @param iccProfile the decompressed ICC profile from iCCP, or null
 * @param orientation EXIF orientation from an eXIf chunk ({@link Orientation#NORMAL} when absent)
 * @param exif the eXIf chunk's TIFF structure, or null
 * @param xmp the XMP packet of an iTXt chunk with keyword "XML:com.adobe.xmp", or null
 * @param problems structural damage, one short phrase each; empty for a sound file
 */
public record PngStructure(byte[] iccProfile, Orientation orientation, byte[] exif, byte[] xmp,
    List<String> problems) {

  public PngStructure {
    problems = List.copyOf(problems);
  }

  /** The metadata blocks, for {@code -metadata}. */
  public SourceMetadata metadata() {
    return new SourceMetadata(iccProfile, exif, xmp);
  }

  /** An ICC profile larger than this is treated as damage rather than inflated. */
  private static final int MAX_ICC_BYTES = 4 << 20;

  /** Walks every chunk of the PNG in {@code data} (which starts with the 8-byte signature). */
  public static PngStructure scan(byte[] data) {
    List<String> problems = new ArrayList<>();
    byte[] icc = null;
    Orientation orientation = Orientation.NORMAL;
    byte[] exif = null;
    byte[] xmp = null;
    CRC32 crc = new CRC32();
    int pos = 8;
    boolean first = true;
    boolean sawIdat = false;
    while (true) {
      if (pos + 8 > data.length) {
        problems.add("truncated: no IEND chunk");
        break;
      }
      long length = u32(data, pos);
      String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (!type.chars().allMatch(Character::isLetter)) {
        problems.add("invalid chunk type at byte " + pos);
        break;
      }
      if (first && !type.equals("IHDR")) {
        problems.add("first chunk is " + type + ", not IHDR");
        break;
      }
      first = false;
      if (length > data.length - pos - 12L) {
        problems.add(String.format(Locale.ROOT,
            "truncated: %s chunk declares %d bytes but the file ends first", type, length));
        break;
      }
      int dataStart = pos + 8;
      int len = (int) length;
      crc.reset();
      crc.update(data, pos + 4, len + 4);
      if (crc.getValue() != u32(data, dataStart + len)) {
        problems.add(type + " chunk CRC mismatch");
      }
      switch (type) {
        case "IDAT" -> sawIdat = true;
        case "iCCP" -> icc = inflateProfile(data, dataStart, len, problems);
        case "eXIf" -> {
          orientation = ExifOrientation.read(data, dataStart, len);
          exif = java.util.Arrays.copyOfRange(data, dataStart, dataStart + len);
        }
        case "iTXt" -> xmp = xmp != null ? xmp : xmpPacket(data, dataStart, len);
        default -> { }
      }
      pos = dataStart + len + 4;
      if (type.equals("IEND")) {
        if (!sawIdat) {
          problems.add("no IDAT chunk (no image data)");
        }
        break;
      }
    }
    return new PngStructure(icc, orientation, exif, xmp, problems);
  }

  /**
   * iTXt = keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, text. XMP
   * uses keyword "XML:com.adobe.xmp" and, per the XMP spec part 3, is stored uncompressed; a compressed one
   * is inflated.
   */
  private static byte[] xmpPacket(byte[] d, int start, int len) {
    byte[] key = "XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1);
    int end = start + len;
    if (len < key.length + 2 || !java.util.Arrays.equals(d, start, start + key.length, key, 0, key.length)) {
      return null;
    }
    int p = start + key.length;
    boolean compressed = d[p] == 1;
    p += 2;
    for (int nul = 0; nul < 2; nul++) { // skip the language tag and the translated keyword
      while (p < end && d[p] != 0) {
        p++;
      }
      p++;
    }
    if (p > end) {
      return null;
    }
    if (!compressed) {
      return java.util.Arrays.copyOfRange(d, p, end);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(d, p, end - p);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.finished() && out.size() <= MAX_ICC_BYTES) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        out.write(buf, 0, n);
      }
      return inflater.finished() ? out.toByteArray() : null;
    } catch (DataFormatException e) {
      return null; // unreadable XMP is dropped, not damage: the pixels are fine
    } finally {
      inflater.end();
    }
  }

  /** iCCP = profile name, NUL, compression method (0 = zlib), compressed profile. */
  private static byte[] inflateProfile(byte[] d, int start, int len, List<String> problems) {
    int nul = start;
    while (nul < start + len && d[nul] != 0) {
      nul++;
    }
    int compressed = nul + 2;
    if (compressed > start + len) {
      problems.add("malformed iCCP chunk");
      return null;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(d, compressed, start + len - compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_ICC_BYTES) {
          problems.add("iCCP profile larger than " + MAX_ICC_BYTES + " bytes");
          return null;
        }
      }
      return inflater.finished() ? out.toByteArray() : null;
    } catch (DataFormatException e) {
      problems.add("iCCP profile is not valid zlib data");
      return null;
    } finally {
      inflater.end();
    }
  }

  private static long u32(byte[] b, int p) {
    return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }
}
