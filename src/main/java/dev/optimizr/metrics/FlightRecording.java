package dev.optimizr.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recording of the whole run with the JDK's "profile" settings (CPU samples every 10-20 ms,
 * allocation samples, GC and lock events), written to a file when stopped. Not thread-safe: started and
 * stopped by the session thread.
 */
public final class FlightRecording implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  private FlightRecording(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Starts recording; the file is written by {@link #close()}. */
  public static FlightRecording start(Path file) throws IOException {
    Configuration profile;
    try {
      profile = Configuration.getConfiguration("profile");
    } catch (ParseException e) {
      throw new IOException("the JDK's JFR \"profile\" settings are unreadable: " + e.getMessage(), e);
    }
    Recording r = new Recording(profile);
    r.setName("optimizr");
    r.setToDisk(true);
    r.setDestination(file); // written when the recording stops
    r.start();
    return new FlightRecording(r, file);
  }

  public Path file() {
    return file;
  }

  /** Stops the recording, which writes the file, and releases its buffers. */
  @Override
  public void close() {
    try {
      recording.stop();
    } finally {
      recording.close();
    }
  }
}
