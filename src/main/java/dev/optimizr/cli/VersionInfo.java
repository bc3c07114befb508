package dev.optimizr.cli;

import com.luciad.imageio.webp.LibWebPBridge;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What {@code -version} prints: optimizr's version, the libwebp in use, and the Java runtime. */
public final class VersionInfo implements picocli.CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return lines();
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }

  static String[] lines() {
    return new String[] {
      "optimizr " + version(),
      "libwebp " + LibWebPBridge.libwebpVersion(),
      "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"
    };
  }
}
