package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image the heap cannot hold is refused before decoding, with the heap it needs and how to give it, and the
 * run goes on; a real run in a child JVM with a small heap. The large image is a header only: the check comes
 * before any pixel is read, so no test allocates gigabytes.
 */
class HeapAdmissionTest {
  @TempDir Path tmp;

  @Test
  void imageLargerThanTheHeap_failsAsTooLarge_namingTheHeapItNeeds_andTheOthersConvert() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.write(in.resolve("scan.png"), pngHeaderOnly(10000, 10000)); // 400 MB of RGB(A) raster
    TestImages.write(TestImages.photoLike(64, 48, 1), "png", in.resolve("small.png"));
    Path out = tmp.resolve("out");

    Process p = ChildRun.start(tmp.resolve("run.log"), List.of("-Xmx256m"), "-input", in.toString(), "-output",
        out.toString(), "-quiet");
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    String log = Files.readString(tmp.resolve("run.log"));
    assertThat(p.exitValue()).as(log).isEqualTo(1);
    assertThat(out.resolve("small.webp")).exists();
    assertThat(out.resolve("scan.webp")).doesNotExist();
    List<String> failures = Files.readAllLines(out.resolve("failures.jsonl"));
    assertThat(failures).hasSize(1);
    JsonNode f = new ObjectMapper().readTree(failures.get(0));
    assertThat(f.get("error_type").asText()).isEqualTo("TOO_LARGE");
    // 10000 x 10000 x 4 bytes and the file, over the 70 % of the heap that images may take
    assertThat(f.get("message").asText())
        .isEqualTo("needs ~545 MB of heap, this run has 256 MB (raise OPTIMIZR_JAVA_OPTS=-Xmx1g)");
    assertThat(log).doesNotContain("OutOfMemoryError");
  }

  /** A structurally valid RGB PNG whose header claims {@code w × h} pixels and whose data is one empty row. */
  private static byte[] pngHeaderOnly(int w, int h) throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(ihdr);
    d.writeInt(w);
    d.writeInt(h);
    d.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, adaptive filtering, no interlace
    chunk(png, "IHDR", ihdr.toByteArray());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[1 + 3 * 16]);
    deflater.finish();
    byte[] z = new byte[256];
    chunk(png, "IDAT", java.util.Arrays.copyOf(z, deflater.deflate(z)));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws Exception {
    DataOutputStream d = new DataOutputStream(png);
    d.writeInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }
}
