package dev.optimizr.pipeline;

import dev.optimizr.codec.ErrorType;
import java.util.List;

/**
 * What happened to one {@link Job}. Failures are data: a worker never throws, it returns one of these.
 *
 * @param job the job
 * @param errorType null when the image was converted
 * @param message one-line reason for a failure (without the path), or null
 * @param outputBytes size of the WebP written (0 on failure)
 * @param nanos wall time spent on this image
 * @param warnings problems tolerated under {@code -lenient}
 * @param cause the exception behind a failure, for {@code -verbose} stack traces, or null
 * @param detail how a converted image was encoded, for {@code -verbose}; null for failures
 */
public record JobResult(Job job, ErrorType errorType, String message, long outputBytes, long nanos,
    List<String> warnings, Throwable cause, Detail detail) {

  public JobResult {
    warnings = List.copyOf(warnings);
  }

  /**
   * How a converted image came out.
   *
   * @param written false when {@code -if-larger skip} withheld it (outputBytes is then what it would have been)
   * @param larger the WebP is larger than its source
   * @param lossless the WebP is lossless
   * @param quality the quality {@code -target-ssim} chose, or -1
   * @param ssim that choice's SSIM, or NaN
   * @param format the source's format, from its content
   */
  public record Detail(boolean written, boolean larger, boolean lossless, int quality, double ssim,
      dev.optimizr.codec.ImageFormat format) {
    /** How the report groups it: "photo JPEG", "PNG lossy" or "PNG lossless" (a lossless JPEG says so). */
    public String kind() {
      if (format == dev.optimizr.codec.ImageFormat.PNG) {
        return lossless ? "PNG lossless" : "PNG lossy";
      }
      return lossless ? "JPEG lossless" : "photo JPEG";
    }
  }

  static JobResult converted(Job job, dev.optimizr.codec.ImageConverter.Converted c, long nanos) {
    return new JobResult(job, null, null, c.outputBytes(), nanos, c.warnings(), null,
        new Detail(c.written(), c.larger(), c.lossless(), c.quality(), c.ssim(), c.format()));
  }

  public static JobResult failed(Job job, ErrorType type, String message, long nanos, Throwable cause) {
    return new JobResult(job, type, message, 0, nanos, List.of(), cause, null);
  }

  public boolean ok() {
    return errorType == null;
  }
}
