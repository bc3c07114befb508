package dev.optimizr.codec;

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
 * truncations, so damage is found here. Also extracts the iCCP profile and eXIf orientation. Immutable.
 *
 * @param iccProfile the decompressed ICC profile from iCCP, or null
 * @param orientation EXIF orientation from an eXIf chunk (1 when absent)
 * @param problems structural damage, one short phrase each; empty for a sound file
 */
public record PngStructure(byte[] iccProfile, int orientation, List<String> problems) {

  public PngStructure {
    problems = List.copyOf(problems);
  }

  /** An ICC profile larger than this is treated as damage rather than inflated. */
  private static final int MAX_ICC_BYTES = 4 << 20;

  /** Walks every chunk of the PNG in {@code data} (which starts with the 8-byte signature). */
  public static PngStructure scan(byte[] data) {
    List<String> problems = new ArrayList<>();
    byte[] icc = null;
    int orientation = ExifOrientation.NORMAL;
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
        case "eXIf" -> orientation = ExifOrientation.read(data, dataStart, len);
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
    return new PngStructure(icc, orientation, problems);
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
