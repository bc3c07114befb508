package dev.optimizr.codec;

/**
 * How libwebp encodes. Immutable.
 *
 * @param quality 0–100, as cwebp's {@code -q}
 * @param method 0 (fast) – 6 (slow, smaller), as cwebp's {@code -m}; 4 is cwebp's default
 */
public record EncodeSettings(int quality, int method) {
  public static final int DEFAULT_METHOD = 4;

  public EncodeSettings {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be between 0 and 100: " + quality);
    }
    if (method < 0 || method > 6) {
      throw new IllegalArgumentException("method must be between 0 and 6: " + method);
    }
  }
}
