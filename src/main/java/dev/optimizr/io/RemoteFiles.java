package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Whole files copied to and from a remote output root (an {@code s3://} prefix), by path relative to it. */
public interface RemoteFiles {
  /** Copies {@code relative} to {@code to} (atomically); false when there is no such remote file. */
  boolean download(String relative, Path to) throws IOException;

  /** The names of the files directly in the remote directory {@code relativeDir} (ending in '/'), in any order. */
  List<String> list(String relativeDir) throws IOException;

  /** Replaces {@code relative} with the content of {@code from}. */
  void upload(Path from, String relative, String contentType) throws IOException;

  /** The remote root, for messages. */
  String describe();
}
