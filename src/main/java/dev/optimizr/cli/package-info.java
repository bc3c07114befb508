/**
 * The command line: picocli options, usage errors, exit codes, signal handling and everything printed to
 * stdout/stderr. The only package that touches {@code System.out}, {@code System.err} or {@code System.exit}
 * (with its sub-rooms). {@code flags} holds the run's option groups and their converters, {@code run} the session of one
 * conversion run.
 */
package dev.optimizr.cli;
