package dev.optimizr.cli;

/** The main class of the tiny launcher-plus-jar that {@link LauncherCdsTest} builds: prints a line, then exits. */
public final class CdsProbe {
  private CdsProbe() {
  }

  public static void main(String[] args) {
    System.out.println("probe ran with " + args.length + " arguments"
        + (Boolean.getBoolean("optimizr.cds.training") ? ", training" : ""));
    System.exit(0); // optimizr ends with System.exit too: the archive must still be written
  }
}
