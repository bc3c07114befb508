package dev.optimizr.cli;

import dev.optimizr.io.s3.S3Storage;

/** A JVM that only loads the object-storage classes, as a training run does before it exits (LauncherCdsTest). */
public final class S3ClassesProbe {
  private S3ClassesProbe() {
  }

  public static void main(String[] args) {
    S3Storage.loadClasses();
    System.out.println("loaded");
    System.exit(0);
  }
}
