package dev.optimizr.cli;

import dev.optimizr.io.s3.S3Storage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: wires the real console and signals to {@link Optimizr}, then exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = new Optimizr(out, err, true).run(args);
    out.flush();
    err.flush();
    if (Boolean.getBoolean("optimizr.cds.training")) {
      S3Storage.loadClasses(); // into the class-data archive this run writes at exit
    }
    System.exit(status);
  }
}
