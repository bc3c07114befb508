/**
 * The run's option groups as picocli declares them (encoding, object storage, quality audit, observability)
 * and the converters and completion values of their flags. Each group checks its own flags and turns them into
 * what the pipeline takes, throwing {@link dev.optimizr.cli.UsageException} for what the user got wrong.
 */
package dev.optimizr.cli.flags;
