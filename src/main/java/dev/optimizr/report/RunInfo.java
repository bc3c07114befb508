package dev.optimizr.report;

import java.nio.file.Path;
import java.time.Instant;

/** What a summary says about the run besides its measurements. Immutable. */
public record RunInfo(String version, Path inputDir, Path outputDir, int workers, int quality, Instant start,
    Instant end, boolean interrupted) {}
