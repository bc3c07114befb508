package dev.optimizr.metrics;

import java.util.function.BooleanSupplier;

/**
 * Readiness of the run for {@code /health/ready}: starting, converting, or draining (a stop was requested or
 * the batch is over). Thread-safe: the state is one volatile field, written by the session thread.
 */
public final class Health {
  /** Where the run is in its life. */
  public enum State { STARTING, RUNNING, DRAINING }

  private final BooleanSupplier stopRequested;
  private volatile State state = State.STARTING;

  /** @param stopRequested true once SIGINT/SIGTERM asked the run to finish its images in flight */
  public Health(BooleanSupplier stopRequested) {
    this.stopRequested = stopRequested;
  }

  void set(State s) {
    state = s;
  }

  /** The state as {@code /health/ready} reports it: a requested stop counts as draining. */
  public State state() {
    State s = state;
    return s == State.RUNNING && stopRequested.getAsBoolean() ? State.DRAINING : s;
  }

  public boolean ready() {
    return state() == State.RUNNING;
  }
}
