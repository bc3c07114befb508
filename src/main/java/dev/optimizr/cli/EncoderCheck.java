package dev.optimizr.cli;

import com.luciad.imageio.webp.LibWebPBridge;
import java.nio.file.Files;
import java.nio.file.Path;

/** Start-up check that libwebp loads, so a broken environment fails once with a reason, not on every image. */
final class EncoderCheck {
  private EncoderCheck() {}

  /** libwebp is a native library extracted to a temp directory at run time; fail once, clearly, if it cannot load. */
  static void run() {
    // webp-imageio extracts libwebp into this directory and System.load()s it from there
    String dir = System.getProperty("com.luciad.imageio.webp.tmpdir", System.getProperty("java.io.tmpdir"));
    String advice = "; set -Dcom.luciad.imageio.webp.tmpdir=DIR in OPTIMIZR_JAVA_OPTS to use another directory "
        + "(in a container with a read-only root: a tmpfs mounted with exec)";
    Path extractTo = Path.of(dir);
    // checked first, because the library's own failure is a stack trace that does not name the directory
    if (!Files.isDirectory(extractTo) || !Files.isWritable(extractTo)) {
      throw new IllegalStateException("cannot load libwebp: its extraction directory " + dir
          + (Files.isDirectory(extractTo) ? " is not writable" : " does not exist") + advice);
    }
    try {
      LibWebPBridge.selfTest();
    } catch (LinkageError | RuntimeException e) {
      throw new IllegalStateException("cannot load libwebp (" + e + "); it is extracted to " + dir
          + ", which must be writable and allow execution" + advice, e);
    }
  }
}
