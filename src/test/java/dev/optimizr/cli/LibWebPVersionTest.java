package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The libwebp version that {@code -version} prints is the one in the library webp-imageio bundles: read from
 * the x86-64 Linux build's WebPGetEncoderVersion, which libwebp compiles to {@code mov eax, 0xMMmmrr; ret}.
 * Bumping webp-imageio without updating {@code libwebp.version} in the pom fails here.
 */
class LibWebPVersionTest {
  private static final String LIBRARY = "/native/Linux/x86_64/libwebp-imageio.so";

  @Test
  void recordedVersion_isTheBundledLibrarysOwn() throws Exception {
    byte[] elf;
    try (InputStream in = com.luciad.imageio.webp.WebPWrapper.class.getResourceAsStream(LIBRARY)) {
      assertThat(in).as(LIBRARY + " in the webp-imageio jar").isNotNull();
      elf = in.readAllBytes();
    }
    int v = encoderVersion(ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN));
    String bundled = ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);

    assertThat(VersionInfo.libwebp()).startsWith(bundled + " (webp-imageio ");
  }

  /** WebPGetEncoderVersion's constant, from an ELF64 little-endian shared object. */
  private static int encoderVersion(ByteBuffer b) {
    assertThat(b.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
    long shoff = b.getLong(0x28);
    int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
    int shnum = Short.toUnsignedInt(b.getShort(0x3C));
    for (int i = 0; i < shnum; i++) {
      int sh = (int) (shoff + (long) i * shentsize);
      if (b.getInt(sh + 4) != 11) { // SHT_DYNSYM
        continue;
      }
      long symOffset = b.getLong(sh + 0x18);
      long symSize = b.getLong(sh + 0x20);
      int strSection = (int) (shoff + (long) b.getInt(sh + 0x28) * shentsize);
      long strOffset = b.getLong(strSection + 0x18);
      for (long s = symOffset; s < symOffset + symSize; s += 24) {
        if (name(b, (int) (strOffset + Integer.toUnsignedLong(b.getInt((int) s)))).equals("WebPGetEncoderVersion")) {
          int section = (int) (shoff + (long) Short.toUnsignedInt(b.getShort((int) s + 6)) * shentsize);
          long code = b.getLong((int) s + 8) - b.getLong(section + 0x10) + b.getLong(section + 0x18);
          assertThat(b.get((int) code)).as("mov eax, imm32").isEqualTo((byte) 0xB8);
          assertThat(b.get((int) code + 5)).as("ret").isEqualTo((byte) 0xC3);
          return b.getInt((int) code + 1);
        }
      }
    }
    throw new AssertionError("WebPGetEncoderVersion not exported by " + LIBRARY);
  }

  private static String name(ByteBuffer b, int at) {
    int end = at;
    while (b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - at];
    b.get(at, bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
