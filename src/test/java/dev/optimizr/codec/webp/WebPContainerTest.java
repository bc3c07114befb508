package dev.optimizr.codec.webp;

import static org.assertj.core.api.Assertions.assertThat;

import com.luciad.imageio.webp.LibWebPBridge;
import dev.optimizr.Dwebp;
import dev.optimizr.WebPChunks;
import dev.optimizr.codec.pixels.Pixels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VP8X container around each kind of libwebp output, read back by an independent parser and dwebp. */
class WebPContainerTest {
  @TempDir Path tmp;

  private static final byte[] ICC = "not really a profile, odd length".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXIF = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0};
  private static final byte[] XMP = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(StandardCharsets.UTF_8);

  private static Pixels rgba(int w, int h) {
    byte[] d = new byte[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      d[i * 4] = (byte) (i * 7);
      d[i * 4 + 1] = (byte) (i / w * 9);
      d[i * 4 + 2] = (byte) 90;
      d[i * 4 + 3] = (byte) (i % w < w / 2 ? 255 : 60);
    }
    return new Pixels(w, h, 4, d);
  }

  private static Pixels rgb(int w, int h) {
    byte[] d = new byte[w * h * 3];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (i * 13 / 7);
    }
    return new Pixels(w, h, 3, d);
  }

  @Test
  void lossyWithAlpha_mergesIntoLibwebpsVp8x_inSpecOrder() throws Exception {
    Pixels px = rgba(33, 21);
    byte[] plain = WebPEncoder.encode(px, new EncodeSettings(80, 4));
    assertThat(WebPChunks.parse(plain).stream().map(WebPChunks.Chunk::fourCc)).containsExactly("VP8X", "ALPH", "VP8 ");

    byte[] out = WebPContainer.withMetadata(plain, 33, 21, ICC, EXIF, XMP);

    List<WebPChunks.Chunk> chunks = WebPChunks.parse(out);
    assertThat(chunks.stream().map(WebPChunks.Chunk::fourCc))
        .containsExactly("VP8X", "ICCP", "ALPH", "VP8 ", "EXIF", "XMP ");
    byte[] vp8x = chunks.get(0).payload();
    assertThat(vp8x[0] & 0xFF).isEqualTo(0x20 | 0x10 | 0x08 | 0x04); // ICC, alpha, EXIF, XMP
    assertThat(WebPChunks.le(vp8x, 4, 3) + 1).isEqualTo(33);
    assertThat(WebPChunks.le(vp8x, 7, 3) + 1).isEqualTo(21);
    assertThat(chunks.get(1).payload()).isEqualTo(ICC);
    assertThat(chunks.get(4).payload()).isEqualTo(EXIF);
    assertThat(chunks.get(5).payload()).isEqualTo(XMP);
    assertSamePixels(plain, out);
    dwebp(out, 33, 21);
  }

  @Test
  void losslessWithAlpha_setsTheAlphaFlag() throws Exception {
    byte[] plain = WebPEncoder.encode(rgba(16, 9), new EncodeSettings(80, 4).asLossless());
    byte[] out = WebPContainer.withMetadata(plain, 16, 9, null, EXIF, null);
    List<WebPChunks.Chunk> chunks = WebPChunks.parse(out);
    assertThat(chunks.stream().map(WebPChunks.Chunk::fourCc)).containsExactly("VP8X", "VP8L", "EXIF");
    assertThat(chunks.get(0).payload()[0] & 0xFF).isEqualTo(0x10 | 0x08);
    assertSamePixels(plain, out);
    dwebp(out, 16, 9);
  }

  @Test
  void opaqueLossy_getsNoAlphaFlag() throws Exception {
    byte[] plain = WebPEncoder.encode(rgb(40, 30), new EncodeSettings(80, 4));
    byte[] out = WebPContainer.withMetadata(plain, 40, 30, ICC, null, XMP);
    List<WebPChunks.Chunk> chunks = WebPChunks.parse(out);
    assertThat(chunks.stream().map(WebPChunks.Chunk::fourCc)).containsExactly("VP8X", "ICCP", "VP8 ", "XMP ");
    assertThat(chunks.get(0).payload()[0] & 0xFF).isEqualTo(0x20 | 0x04);
    assertSamePixels(plain, out);
    dwebp(out, 40, 30);
  }

  @Test
  void noMetadata_returnsLibwebpsFileUnchanged() throws Exception {
    byte[] plain = WebPEncoder.encode(rgb(8, 8), new EncodeSettings(80, 4));
    assertThat(WebPContainer.withMetadata(plain, 8, 8, null, null, null)).isSameAs(plain);
  }

  private static void assertSamePixels(byte[] a, byte[] b) {
    int[] ia = new int[4];
    int[] ib = new int[4];
    assertThat(LibWebPBridge.decodeArgb(b, ib)).isEqualTo(LibWebPBridge.decodeArgb(a, ia));
    assertThat(ib).isEqualTo(ia);
  }

  private void dwebp(byte[] webp, int w, int h) throws Exception {
    Dwebp.assumeAvailable(); // skipped (not passed) without dwebp; the libwebp checks above have run
    Path f = Files.write(tmp.resolve("c" + System.nanoTime() + ".webp"), webp);
    Dwebp.assertDecodes(f, w, h);
  }
}
