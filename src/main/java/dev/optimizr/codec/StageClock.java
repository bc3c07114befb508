package dev.optimizr.codec;

/**
 * Told by {@link ImageConverter} as each {@link Stage} of a conversion ends, on the converting thread, so a
 * caller can measure where time and memory go without the codec knowing about metrics.
 */
@FunctionalInterface
public interface StageClock {
  /** A clock that measures nothing. */
  StageClock NONE = stage -> { };

  /** {@code stage} has just finished. */
  void stageDone(Stage stage);
}
