package dev.optimizr.io;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns a failed file-system call into the words a user reads after "cannot write x.webp: ": the operating
 * system's reason in lower case ("permission denied", "read-only file system"), never a Java class name or the
 * temp file's name. Stateless.
 */
public final class IoReasons {
  private IoReasons() {}

  /**
   * The reason for {@code e}. The JDK maps EACCES, ENOENT, EEXIST to exception classes whose reason is null
   * (their message is only the path), and other errno values to a {@link FileSystemException} carrying
   * strerror's text; plain {@link IOException}s from reads and writes carry strerror's text as their message.
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a non-empty directory of that name is in the way";
    }
    if (e instanceof ClosedByInterruptException) {
      return "interrupted";
    }
    String text = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
    if (text == null || text.isBlank()) {
      return "input/output error";
    }
    return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  /**
   * True when {@code e} says that a file stands where a directory is needed (EEXIST, ENOTDIR): a mistake in
   * the path given, unlike a refusal (EACCES, EROFS) or a failing device.
   */
  public static boolean isInTheWay(IOException e) {
    return e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException
        || (e instanceof FileSystemException fse && "Not a directory".equals(fse.getReason()));
  }
}
