package dev.optimizr.cli;

import dev.optimizr.pipeline.RunControl;
import dev.optimizr.pipeline.StopReason;
import java.io.PrintWriter;
import sun.misc.Signal;

/**
 * First SIGINT/SIGTERM: stop taking files, finish the images in progress, write the summary, exit 130/143.
 * A second one: delete the temp files being written and halt at once.
 *
 * <p>Why sun.misc.Signal and not a shutdown hook: once the JVM runs its hooks it ignores further signals,
 * so a second Ctrl+C could not cut a long drain short, and the exit status cannot be chosen.
 */
final class SignalHandlers {
  private SignalHandlers() {}

  /** @param cleanup deletes the temp files being written; runs before a hard stop */
  static void install(RunControl control, Runnable cleanup, PrintWriter err) {
    handle("INT", StopReason.SIGINT, ExitCode.INTERRUPTED, control, cleanup, err);
    handle("TERM", StopReason.SIGTERM, ExitCode.TERMINATED, control, cleanup, err);
  }

  private static void handle(String name, StopReason reason, ExitCode exit, RunControl control,
      Runnable cleanup, PrintWriter err) {
    try {
      Signal.handle(new Signal(name), sig -> {
        if (control.requestStop(reason)) {
          err.println("optimizr: SIG" + name + ": finishing the images in progress (send again to stop now)");
        } else {
          cleanup.run();
          err.println("optimizr: SIG" + name + " again: stopping now");
          err.flush();
          Runtime.getRuntime().halt(exit.code());
        }
      });
    } catch (IllegalArgumentException e) {
      // The JVM was started with -Xrs or the signal is reserved: keep the JVM's default behaviour.
    }
  }
}
