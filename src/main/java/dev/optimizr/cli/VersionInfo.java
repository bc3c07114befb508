package dev.optimizr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What {@code -version} prints: one line each for optimizr, libwebp, the Java runtime and the OS. */
public final class VersionInfo implements picocli.CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return lines();
  }

  /** The build's version.properties (filtered by Maven from the pom). */
  private static Properties build() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p;
  }

  public static String version() {
    return build().getProperty("version", "unknown");
  }

  /**
   * The libwebp in use: webp-imageio loads the copy bundled in its own jar, whose version the build records
   * (LibWebPVersionTest reads it from that library's code). Asking the library itself needs its
   * WebPGetEncoderVersion, which the JNI layer does not wrap; only the foreign-function API of Java 22+ could
   * call it, and that prints a warning about restricted methods on every run.
   */
  static String libwebp() {
    Properties p = build();
    return p.getProperty("libwebp", "unknown") + " (webp-imageio " + p.getProperty("webp-imageio", "unknown") + ")";
  }

  static String[] lines() {
    return new String[] {
      "optimizr " + version(),
      "libwebp " + libwebp(),
      "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
          + System.getProperty("java.vendor") + ")",
      "OS " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch")
    };
  }
}
