package dev.optimizr.codec.jpeg;

import dev.optimizr.codec.meta.ExifOrientation;
import dev.optimizr.codec.meta.Orientation;
import dev.optimizr.codec.meta.SourceMetadata;
import dev.optimizr.codec.pixels.ColorProfiles;
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
 * @param orientation EXIF orientation ({@link Orientation#NORMAL} when absent)
 * @param metadata the first EXIF and XMP APP1 segments and the ICC profile from the APP2 segments
 * @param problems structural damage, one short phrase each; empty for a sound file
 * @param components the colour components of the first frame header (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK), 0 if none
 * @param iccSegments where the APP2 ICC segments are in the file, marker included
 */
public record JpegStructure(Orientation orientation, SourceMetadata metadata, List<String> problems,
    int components, List<Span> iccSegments) {

  /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of the file. */
  public record Span(int from, int to) {}

  public JpegStructure {
    problems = List.copyOf(problems);
    iccSegments = List.copyOf(iccSegments);
  }

  /**
   * True when the embedded profile describes the frame's samples (RGB for 3 components, gray for 1), so the
   * image can be decoded {@linkplain #withoutIccProfile without it} and converted afterwards. TwelveMonkeys
   * applies any profile whose header is not byte for byte the JDK's own sRGB: it decodes a raw raster,
   * converts YCbCr in Java and LCMS converts that into a second raster. Most photos carry some other copy of
   * sRGB, which took 4x the decode time and two more rasters (24-MP photo: 397 ms against 83). Hidden from
   * the reader, the samples decode natively in the profile's space; gray ones stay as the reader left them.
   */
  public boolean profileFitsComponents() {
    byte[] icc = metadata.icc();
    return components == 3 && ColorProfiles.isRgb(icc) || components == 1 && ColorProfiles.isGray(icc);
  }

  /** {@code data} without its ICC profile segments (the same array when it has none). */
  public byte[] withoutIccProfile(byte[] data) {
    if (iccSegments.isEmpty()) {
      return data;
    }
    int removed = iccSegments.stream().mapToInt(s -> s.to() - s.from()).sum();
    byte[] out = new byte[data.length - removed];
    int from = 0;
    int at = 0;
    for (Span s : iccSegments) {
      System.arraycopy(data, from, out, at, s.from() - from);
      at += s.from() - from;
      from = s.to();
    }
    System.arraycopy(data, from, out, at, data.length - from);
    return out;
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
    final List<Span> iccSegments = new ArrayList<>();
    int components;

    SourceMetadata done() {
      byte[] icc = null;
      if (!iccPieces.isEmpty()) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        iccPieces.values().forEach(b::writeBytes);
        icc = b.toByteArray();
      }
      return new SourceMetadata(icc, exif, xmp);
    }

    JpegStructure structure(Orientation orientation, List<String> problems) {
      return new JpegStructure(orientation, done(), problems, components, iccSegments);
    }
  }

  /** Scans the segments of a JPEG held in {@code data} (which starts with FF D8). */
  public static JpegStructure scan(byte[] data) {
    List<String> problems = new ArrayList<>();
    Orientation orientation = Orientation.NORMAL;
    Blocks blocks = new Blocks();
    int pos = 2;
    while (true) {
      if (pos >= data.length) {
        problems.add("truncated before the image data");
        return blocks.structure(orientation, problems);
      }
      if ((data[pos] & 0xFF) != 0xFF) {
        problems.add("bad marker at byte " + pos);
        return blocks.structure(orientation, problems);
      }
      while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
        pos++; // fill bytes: any number of 0xFF may precede a marker
      }
      if (pos >= data.length) {
        continue;
      }
      int markerAt = pos - 1; // the FF before the marker byte
      int marker = data[pos++] & 0xFF;
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // standalone markers carry no length
      }
      if (marker == EOI) {
        problems.add("end-of-image marker before any image data");
        return blocks.structure(orientation, problems);
      }
      if (pos + 2 > data.length) {
        problems.add("truncated inside a marker segment");
        return blocks.structure(orientation, problems);
      }
      int length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
      if (length < 2 || pos + length > data.length) {
        problems.add(String.format(java.util.Locale.ROOT,
            "marker segment 0x%02X has an invalid length %d", marker, length));
        return blocks.structure(orientation, problems);
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
        blocks.iccSegments.add(new Span(markerAt, pos + length));
      } else if (isFrameHeader(marker) && blocks.components == 0 && length >= 8) {
        blocks.components = data[pos + 7] & 0xFF; // length(2) precision(1) height(2) width(2) components(1)
      }
      pos += length;
      if (marker == SOS) {
        if (!hasEndOfImage(data, pos)) {
          problems.add("truncated: the image data has no end-of-image marker");
        }
        return blocks.structure(orientation, problems);
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

  /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  public static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
