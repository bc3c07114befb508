package com.luciad.imageio.webp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of libwebp that killed runs left in the temp directory are tidied; nothing else is touched. */
class LibWebPBridgeTest {
  @TempDir Path tmp;

  @Test
  void removeStaleExtractions_deletesOldLeftoverPairsOnly() throws Exception {
    Instant now = Instant.now();
    String old = "webp-imageio-0.11.0-168d1d28-a9e5-47f3-b7a3-049cd1e80203-libwebp-imageio.so";
    String fresh = "webp-imageio-0.11.0-17acea52-690a-49d0-979f-7660efb7221d-libwebp-imageio.so";
    Path[] stale = {file(old, now.minus(Duration.ofDays(2))), file(old + ".lck", now.minus(Duration.ofDays(2)))};
    Path[] recent = {file(fresh, now.minus(Duration.ofMinutes(5))), file(fresh + ".lck", now.minus(Duration.ofMinutes(5)))};
    Path unrelated = file("webp-imageio-notes.txt", now.minus(Duration.ofDays(2)));
    Path other = file("libwebp-imageio.so", now.minus(Duration.ofDays(2)));

    int deleted = LibWebPBridge.removeStaleExtractions(tmp, now.minus(Duration.ofHours(1)));

    assertThat(deleted).isEqualTo(2);
    assertThat(stale).noneMatch(Files::exists);
    assertThat(recent).allMatch(Files::exists);
    assertThat(unrelated).exists();
    assertThat(other).exists();
  }

  @Test
  void removeStaleExtractions_missingDirectory_isNotAnError() {
    assertThat(LibWebPBridge.removeStaleExtractions(tmp.resolve("absent"), Instant.now())).isZero();
  }

  private Path file(String name, Instant modified) throws Exception {
    Path p = Files.write(tmp.resolve(name), new byte[] {1});
    Files.setLastModifiedTime(p, FileTime.from(modified));
    return p;
  }
}
