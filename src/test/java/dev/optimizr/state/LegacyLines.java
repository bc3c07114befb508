package dev.optimizr.state;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Lines of the journal {@code .optimizr-state} exactly as earlier releases wrote them. */
final class LegacyLines {
  private LegacyLines() {}

  static String line(String relative, long size, long mtime, String settings, long outputSize) {
    String body = relative + '\t' + size + '\t' + mtime + '\t' + settings + '\t' + outputSize;
    CRC32 c = new CRC32();
    c.update(body.getBytes(StandardCharsets.UTF_8));
    return body + '\t' + Long.toHexString(c.getValue());
  }
}
