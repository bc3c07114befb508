/**
 * Log output: SLF4J events rendered by Logback as one text line ({@code optimizr: warning: …}) or one JSON
 * object per line, written to a {@link java.io.Writer} the {@code cli} hands over — this package never
 * touches stdout/stderr itself. Until a run configures it, logging is off (see {@link
 * dev.optimizr.logging.QuietConfigurator}).
 */
package dev.optimizr.logging;
