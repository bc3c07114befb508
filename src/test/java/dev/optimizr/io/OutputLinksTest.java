package dev.optimizr.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output tree's writer neither writes nor deletes through a link inside the tree. */
class OutputLinksTest {
  @TempDir Path tmp;

  @Test
  void writeAndDeleteThroughALink_areRefused_andWhatItPointsToIsUntouched() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path precious = Files.writeString(elsewhere.resolve("a.webp"), "precious");
    Files.createSymbolicLink(out.resolve("photos"), elsewhere);
    AtomicFileWriter writer = new AtomicFileWriter(out);

    assertThatThrownBy(() -> writer.delete(out.resolve("photos/a.webp")))
        .isInstanceOf(OutputLinks.LinkedOutputException.class).hasMessageContaining(out.resolve("photos").toString());
    assertThatThrownBy(() -> writer.write(out.resolve("photos/new/b.webp"), new byte[] {1}))
        .isInstanceOf(OutputLinks.LinkedOutputException.class);

    assertThat(precious).hasContent("precious");
    try (var files = Files.list(elsewhere)) {
      assertThat(files).containsExactly(precious);
    }
  }

  @Test
  void anOutputThatIsItselfALink_isReplacedByTheFile_notWrittenThrough() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path precious = Files.writeString(tmp.resolve("precious"), "precious");
    Files.createSymbolicLink(out.resolve("a.webp"), precious);

    new AtomicFileWriter(out).write(out.resolve("a.webp"), new byte[] {1, 2});

    assertThat(Files.isSymbolicLink(out.resolve("a.webp"))).isFalse();
    assertThat(out.resolve("a.webp")).hasBinaryContent(new byte[] {1, 2});
    assertThat(precious).hasContent("precious");
  }

  @Test
  void aRootGivenAsALink_andNewDirectories_areFine() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path root = Files.createSymbolicLink(tmp.resolve("root"), real);

    new AtomicFileWriter(root).write(real.resolve("x/y/c.webp"), new byte[] {3});
    new AtomicFileWriter(root).write(root.resolve("x/d.webp"), new byte[] {4});

    assertThat(real.resolve("x/y/c.webp")).exists();
    assertThat(real.resolve("x/d.webp")).exists();
  }
}
