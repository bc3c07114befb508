package dev.optimizr.pipeline;

/** Why a run stopped before its tree was exhausted. */
public enum StopReason {
  /** Ctrl+C. */
  SIGINT,
  /** A service manager, {@code kill}, or {@code docker stop}. */
  SIGTERM,
  /** The output file system is full: every further write would fail too. */
  DISK_FULL,
  /** The object store stopped answering (after retries): every further request would fail too. */
  STORAGE_UNAVAILABLE
}
