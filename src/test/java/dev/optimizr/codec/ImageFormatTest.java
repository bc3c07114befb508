package dev.optimizr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageFormatTest {
  private static ImageFormat sniff(byte[] b) {
    return ImageFormat.sniff(b, b.length);
  }

  @Test
  void sniff_recognisesMagicBytes_notNames() {
    assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).isEqualTo(ImageFormat.JPEG);
    assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).isEqualTo(ImageFormat.PNG);
    assertThat(sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ImageFormat.GIF);
    assertThat(sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ImageFormat.WEBP);
    assertThat(sniff("hello, world".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ImageFormat.UNKNOWN);
    assertThat(sniff(new byte[0])).isEqualTo(ImageFormat.EMPTY);
  }

  @Test
  void sniff_pngSignatureWithOneByteChanged_isNotPng() {
    // PngSuite xs*: signature corrupted; must not be handed to the PNG reader as a PNG.
    assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, ' '})).isEqualTo(ImageFormat.UNKNOWN);
    assertThat(sniff(new byte[] {(byte) 0x09, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})).isEqualTo(ImageFormat.UNKNOWN);
  }

  @Test
  void isSupported_onlyJpegAndPng() {
    assertThat(ImageFormat.JPEG.isSupported()).isTrue();
    assertThat(ImageFormat.PNG.isSupported()).isTrue();
    assertThat(ImageFormat.GIF.isSupported()).isFalse();
    assertThat(ImageFormat.WEBP.isSupported()).isFalse();
  }
}
