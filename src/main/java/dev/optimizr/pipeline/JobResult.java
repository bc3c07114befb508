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
 */
public record JobResult(Job job, ErrorType errorType, String message, long outputBytes, long nanos,
    List<String> warnings, Throwable cause) {

  public JobResult {
    warnings = List.copyOf(warnings);
  }

  public static JobResult converted(Job job, long outputBytes, long nanos, List<String> warnings) {
    return new JobResult(job, null, null, outputBytes, nanos, warnings, null);
  }

  public static JobResult failed(Job job, ErrorType type, String message, long nanos, Throwable cause) {
    return new JobResult(job, type, message, 0, nanos, List.of(), cause);
  }

  public boolean ok() {
    return errorType == null;
  }
}
