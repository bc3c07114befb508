package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output file on a local file system, written through {@code writer} (an {@link AtomicFileWriter} in
 * production).
 */
public record LocalSink(Path target, FileSink writer) implements ImageSink {
  @Override
  public String name() {
    return target.getFileName().toString();
  }

  @Override
  public void write(byte[] content) throws IOException {
    writer.write(target, content);
  }

  @Override
  public void delete() throws IOException {
    writer.delete(target);
  }

  @Override
  public long existingSize() {
    try {
      BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? a.size() : -1;
    } catch (IOException missing) {
      return -1;
    }
  }
}
