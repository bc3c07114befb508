package dev.optimizr.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What optimizr needs from a JPEG's marker segments before decoding: EXIF orientation, the metadata
 * blocks, and damage that decoders would paper over (libjpeg grey-fills a truncated scan and only warns).
 * Immutable.
 *
 * @param orientation EXIF orientation 1–8 (1 when absent)
 * @param metadata the first EXIF and XMP APP1 segments and the ICC profile from the APP2 segments
 * @param problems structural damage, one short phrase each; empty for a sound file
 */
public record JpegStructure(int orientation, SourceMetadata metadata, List<String> problems) {

  public JpegStructure {
    problems = List.copyOf(problems);
  }

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP1 = 0xE1;
  private static final int APP2 = 0xE2;
  private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

  /** Collects metadata segments while scanning. */
  private static final class Blocks {
    byte[] exif;
    byte[] xmp;
    final TreeMap<Integer, byte[]> iccPieces = new TreeMap<>();

    SourceMetadata done() {
      byte[] icc = null;
      if (!iccPieces.isEmpty()) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        iccPieces.values().forEach(b::writeBytes);
        icc = b.toByteArray();
      }
      return new SourceMetadata(icc, exif, xmp);
    }
  }

  /** Scans the segments of a JPEG held in {@code data} (which starts with FF D8). */
  public static JpegStructure scan(byte[] data) {
    List<String> problems = new ArrayList<>();
    int orientation = ExifOrientation.NORMAL;
    Blocks blocks = new Blocks();
    int pos = 2;
    while (true) {
      if (pos >= data.length) {
        problems.add("truncated before the image data");
        return new JpegStructure(orientation, blocks.done(), problems);
      }
      if ((data[pos] & 0xFF) != 0xFF) {
        problems.add("bad marker at byte " + pos);
        return new JpegStructure(orientation, blocks.done(), problems);
      }
      while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
        pos++; // fill bytes: any number of 0xFF may precede a marker
      }
      if (pos >= data.length) {
        continue;
      }
      int marker = data[pos++] & 0xFF;
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // standalone markers carry no length
      }
      if (marker == EOI) {
        problems.add("end-of-image marker before any image data");
        return new JpegStructure(orientation, blocks.done(), problems);
      }
      if (pos + 2 > data.length) {
        problems.add("truncated inside a marker segment");
        return new JpegStructure(orientation, blocks.done(), problems);
      }
      int length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
      if (length < 2 || pos + length > data.length) {
        problems.add(String.format(java.util.Locale.ROOT,
            "marker segment 0x%02X has an invalid length %d", marker, length));
        return new JpegStructure(orientation, blocks.done(), problems);
      }
      if (marker == APP1 && blocks.exif == null && isExif(data, pos + 2, length - 2)) {
        orientation = ExifOrientation.read(data, pos + 8, length - 8);
        blocks.exif = java.util.Arrays.copyOfRange(data, pos + 8, pos + length);
      } else if (marker == APP1 && blocks.xmp == null && startsWith(data, pos + 2, length - 2, XMP_ID)) {
        blocks.xmp = java.util.Arrays.copyOfRange(data, pos + 2 + XMP_ID.length, pos + length);
      } else if (marker == APP2 && length > 2 + ICC_ID.length + 2 && startsWith(data, pos + 2, length - 2, ICC_ID)) {
        // ICC.1 Annex B.4: a profile is split over APP2 segments, each with a 1-based sequence number and count.
        int seq = data[pos + 2 + ICC_ID.length] & 0xFF;
        blocks.iccPieces.putIfAbsent(seq,
            java.util.Arrays.copyOfRange(data, pos + 2 + ICC_ID.length + 2, pos + length));
      }
      pos += length;
      if (marker == SOS) {
        if (!hasEndOfImage(data, pos)) {
          problems.add("truncated: the image data has no end-of-image marker");
        }
        return new JpegStructure(orientation, blocks.done(), problems);
      }
    }
  }

  private static boolean startsWith(byte[] d, int p, int len, byte[] prefix) {
    if (len < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (d[p + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isExif(byte[] d, int p, int len) {
    return len >= 6 && d[p] == 'E' && d[p + 1] == 'x' && d[p + 2] == 'i' && d[p + 3] == 'f'
        && d[p + 4] == 0 && d[p + 5] == 0;
  }

  /** Entropy-coded data stuffs every 0xFF as FF 00, so FF D9 after the first scan header is the real EOI. */
  private static boolean hasEndOfImage(byte[] d, int from) {
    for (int i = d.length - 2; i >= from; i--) {
      if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == EOI) {
        return true;
      }
    }
    return false;
  }
}
