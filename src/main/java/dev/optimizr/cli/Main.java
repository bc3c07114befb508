package dev.optimizr.cli;

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
    System.exit(status);
  }
}
