package dev.optimizr.codec;

/** The real format of a file, decided from its first bytes and never from its name. */
public enum ImageFormat {
  JPEG, PNG, GIF, WEBP, BMP, TIFF, EMPTY, UNKNOWN;

  /** Bytes needed by {@link #sniff}. */
  public static final int SNIFF_LENGTH = 12;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** Identifies the format from the first {@code length} bytes of {@code head}. */
  public static ImageFormat sniff(byte[] head, int length) {
    if (length <= 0) {
      return EMPTY;
    }
    if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
      return JPEG;
    }
    if (startsWith(head, length, PNG_SIGNATURE)) {
      return PNG;
    }
    if (startsWith(head, length, "GIF8".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      return GIF;
    }
    if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return WEBP;
    }
    if (length >= 2 && head[0] == 'B' && head[1] == 'M') {
      return BMP;
    }
    if (length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
        || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
      return TIFF;
    }
    return UNKNOWN;
  }

  /** True for the formats optimizr converts. */
  public boolean isSupported() {
    return this == JPEG || this == PNG;
  }

  private static boolean startsWith(byte[] head, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (head[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u(byte b) {
    return b & 0xFF;
  }
}
