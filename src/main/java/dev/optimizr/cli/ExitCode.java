package dev.optimizr.cli;

import dev.optimizr.pipeline.StopReason;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/** Every exit status optimizr uses, defined once; {@code --help} and the README list them. */
public enum ExitCode {
  OK(0, "every image found was converted"),
  FAILURES(1, "the run finished, but at least one file failed (see OUT/failures.jsonl)"),
  USAGE(2, "usage error: bad flag or value, missing input directory, output is a file or the input itself"),
  STORAGE_UNAVAILABLE(69, "the object store could not be reached, or stopped answering mid-run: the run stopped "
      + "cleanly (summary written); re-run to finish"),
  ABORTED(70, "the run could not go on (e.g. libwebp could not load); the message says why"),
  CANNOT_WRITE(73, "the output directory cannot be created or written (permission denied, read-only file "
      + "system): nothing was done; the message names it"),
  DISK_FULL(74, "the output file system filled up: the run stopped cleanly; re-run after freeing space"),
  LOCKED(75, "another optimizr run holds OUT/.optimizr.lock: nothing was done; try again later"),
  STORAGE_ACCESS(77, "object storage refused access or no credentials were found: nothing was done"),
  INTERRUPTED(130, "stopped by SIGINT (Ctrl+C) after finishing the images in progress"),
  TERMINATED(143, "stopped by SIGTERM after finishing the images in progress");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /**
   * Adds the exit codes to the command's model, so every view of it lists them: {@code --help}, and the man
   * page and completion generated at build time from the bare class.
   */
  public static final class HelpSection implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      spec.usageMessage().exitCodeList(helpList());
      return spec;
    }
  }

  /** The status for a run that stopped for {@code stop} (null: ran to the end) with {@code failed} failures. */
  public static ExitCode of(StopReason stop, long failed) {
    if (stop == StopReason.SIGINT) {
      return ExitCode.INTERRUPTED;
    }
    if (stop == StopReason.SIGTERM) {
      return ExitCode.TERMINATED;
    }
    if (stop == StopReason.DISK_FULL) {
      return ExitCode.DISK_FULL;
    }
    if (stop == StopReason.STORAGE_UNAVAILABLE) {
      return ExitCode.STORAGE_UNAVAILABLE;
    }
    return failed > 0 ? ExitCode.FAILURES : ExitCode.OK;
  }

  /** Status → meaning, for picocli's "Exit codes" help section. */
  static Map<String, String> helpList() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ExitCode c : values()) {
      m.put(String.format("%3d", c.code), c.meaning);
    }
    return m;
  }
}
