package dev.optimizr.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What a command line could not be parsed into, or what a command threw, as one line on stderr and the exit code
 * it gets: a usage error 2, object storage refused or unreachable its own code (from status and report), an
 * output that cannot be written 73, anything else aborted (70, its stack trace under {@code -verbose}).
 */
final class ExceptionExits implements CommandLine.IParameterExceptionHandler,
    CommandLine.IExecutionExceptionHandler {
  private final PrintWriter err;
  private final BooleanSupplier verbose;

  /** @param verbose read when an exception comes, once the flags are parsed */
  ExceptionExits(PrintWriter err, BooleanSupplier verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    return usage(UnknownOption.describe(ex));
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    if (ex instanceof UsageException) {
      return usage(ex.getMessage());
    }
    if (ex instanceof ObjectStorageCheck.Refused refused) { // from status and report
      err.println("optimizr: " + refused.getMessage());
      err.flush();
      return refused.code().code();
    }
    if (ex instanceof OutputAccess.CannotWriteException) {
      err.println("optimizr: " + ex.getMessage());
      err.flush();
      return ExitCode.CANNOT_WRITE.code();
    }
    err.println("optimizr: aborted: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
    if (verbose.getAsBoolean()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.ABORTED.code();
  }

  private int usage(String message) {
    err.println("optimizr: " + message.replace('\n', ' ').strip() + " (see --help)");
    err.flush();
    return ExitCode.USAGE.code();
  }
}
