package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A source image on a local file system.
 *
 * @param path the file
 * @param size its size when it was found
 * @param lastModifiedMillis its modification time when it was found
 */
public record LocalSource(Path path, long size, long lastModifiedMillis) implements ImageSource {
  /** The file as it is now (one stat; links are not followed). */
  public static LocalSource of(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new LocalSource(path, a.size(), a.lastModifiedTime().toMillis());
  }

  @Override
  public String name() {
    return path.getFileName().toString();
  }

  @Override
  public byte[] read() throws IOException {
    return Files.readAllBytes(path);
  }
}
