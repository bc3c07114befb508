package dev.optimizr.logging;

/** How log events are written: {@code --log-format text|json}. */
public enum LogFormat {
  /** Human lines, as optimizr always printed them. */
  TEXT,
  /** One JSON object per line (timestamp, level, logger, message, structured fields) for ELK/Loki. */
  JSON
}
