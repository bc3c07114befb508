package dev.optimizr.io.s3;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns the SDK's exceptions into the IOExceptions the rest of optimizr understands, with one-line reasons. */
final class S3Errors {
  private S3Errors() {}

  /** True for a failure worth another attempt: throttling, a 5xx, a dropped connection. */
  static boolean retryable(SdkException e) {
    if (e instanceof S3Exception s) {
      return s.statusCode() >= 500 || s.statusCode() == 429 || s.isThrottlingException();
    }
    return e instanceof SdkClientException && !isCredentials(e);
  }

  /** The credentials chain found nothing to sign with. */
  static boolean isCredentials(SdkException e) {
    String m = e.getMessage();
    return e instanceof SdkClientException && m != null && m.contains("credentials");
  }

  /** True when the store refused who we are or what we asked: no retry helps. */
  static boolean isAccess(SdkException e) {
    if (isCredentials(e)) {
      return true;
    }
    if (e instanceof S3Exception s) {
      String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
      return s.statusCode() == 403 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")
          || code.equals("AccessDenied");
    }
    return false;
  }

  /** The failure as an IOException: 404 → NoSuchFileException, 403 → AccessDeniedException, else IOException. */
  static IOException io(String what, SdkException e) {
    String reason = reason(e);
    if (e instanceof S3Exception s && s.statusCode() == 404) {
      return new NoSuchFileException(what, null, reason);
    }
    if (isAccess(e)) {
      return new AccessDeniedException(what, null, reason);
    }
    if (e instanceof SdkClientException && !isCredentials(e)) {
      return new StorageUnavailableException(reason, e);
    }
    return new IOException(reason, e);
  }

  /** One line: the S3 error code and message, or the client's first line, without the SDK's advice. */
  static String reason(SdkException e) {
    if (e instanceof S3Exception s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      String msg = s.awsErrorDetails().errorMessage();
      return s.statusCode() + " " + (code == null ? "" : code) + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll(" \\(SDK Attempt Count: \\d+\\)", "");
    int cut = m.indexOf(". ");
    if (cut > 0 && cut < m.length() - 2) {
      m = m.substring(0, cut); // the SDK appends long advice ("Consider ...", the provider list)
    }
    if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
      m += " (" + root.getMessage() + ")";
    }
    return m;
  }
}
