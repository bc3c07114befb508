package dev.optimizr.pipeline;

import java.util.concurrent.atomic.AtomicReference;

/** A stop request shared by the walker, the workers and a signal handler; safe for any number of threads. */
public final class RunControl {
  private final AtomicReference<StopReason> stop = new AtomicReference<>();
  private final AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();

  /** Asks the run to stop taking new files; returns true only for the first request. */
  public boolean requestStop(StopReason reason) {
    return stop.compareAndSet(null, reason);
  }

  public boolean stopRequested() {
    return stop.get() != null;
  }

  /** The first stop reason, or null when the run was not asked to stop. */
  public StopReason reason() {
    return stop.get();
  }

  /** Remembers the first exception a result listener threw; the worker that caught it goes on. */
  void reportListenerFailure(RuntimeException e) {
    listenerFailure.compareAndSet(null, e);
  }

  /** The first exception a result listener threw, or null. */
  public RuntimeException listenerFailure() {
    return listenerFailure.get();
  }
}
