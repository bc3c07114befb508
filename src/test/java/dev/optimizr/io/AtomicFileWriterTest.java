package dev.optimizr.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir
  Path tmp;

  @Test
  void streamedFile_replacesTheOldOneOnlyOnCommit() throws Exception {
    Path target = Files.writeString(tmp.resolve("failures.jsonl"), "old\n");
    AtomicFileWriter writer = new AtomicFileWriter();
    try (AtomicFileWriter.Pending p = writer.open(target)) {
      p.stream().write("new\n".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(target)).isEqualTo("old\n");
      p.commit();
    }
    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(names()).containsExactly("failures.jsonl");
  }

  @Test
  void uncommittedFile_leavesTheOldOneAndNoTemp() throws Exception {
    Path target = Files.writeString(tmp.resolve("summary.json"), "{}");
    try (AtomicFileWriter.Pending p = new AtomicFileWriter().open(target)) {
      p.stream().write(new byte[100_000]);
    }
    assertThat(Files.readString(target)).isEqualTo("{}");
    assertThat(names()).containsExactly("summary.json");
  }

  @Test
  void hardStop_deletesStreamedTempsAndRefusesNewFiles() throws Exception {
    AtomicFileWriter writer = new AtomicFileWriter();
    AtomicFileWriter.Pending list = writer.open(tmp.resolve("failures.jsonl"));
    list.stream().write('x');
    assertThat(names()).hasSize(1).allMatch(AtomicFileWriter::isOwnTemp);
    writer.deleteInFlight();
    assertThat(names()).isEmpty();
    assertThatThrownBy(() -> writer.write(tmp.resolve("c.webp"), new byte[1])).isInstanceOf(IOException.class);
    assertThat(names()).isEmpty();
  }

  @Test
  void tempNames_ofEveryReleaseAreRecognisedWithTheirTarget() {
    assertThat(AtomicFileWriter.isTemp(".plasma.webp.optimizr-tmp-1f2e3d")).isTrue();
    assertThat(AtomicFileWriter.isOwnTemp(".plasma.webp.optimizr-tmp-1f2e3d")).isFalse();
    assertThat(AtomicFileWriter.targetName(".failures.jsonl.optimizr-tmp-999999")).isEqualTo("failures.jsonl");
    assertThat(AtomicFileWriter.isTemp("plasma.webp")).isFalse();
    assertThat(AtomicFileWriter.isTemp(".optimizr-tmp-x")).isFalse();
  }

  private java.util.List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
