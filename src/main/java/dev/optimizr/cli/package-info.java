/**
 * The command line: picocli options, usage errors, exit codes, signal handling and everything printed to
 * stdout/stderr. The only package that touches {@code System.out}, {@code System.err} or {@code System.exit}.
 */
package dev.optimizr.cli;
