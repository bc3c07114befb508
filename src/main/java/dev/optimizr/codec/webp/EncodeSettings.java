package dev.optimizr.codec.webp;

import java.util.Locale;

/**
 * How libwebp encodes one image, in cwebp's terms. Immutable; validated on construction.
 *
 * @param quality 0–100, as cwebp's {@code -q} (for lossless: the effort spent)
 * @param method 0 (fast) – 6 (slow, smaller), as cwebp's {@code -m}; 4 is cwebp's default
 * @param lossless VP8L instead of VP8
 * @param nearLossless 0–100, as cwebp's {@code -near_lossless}; 100 is off, anything lower implies lossless
 * @param alphaQuality 0–100, lossy alpha plane quality; 100 keeps alpha lossless
 * @param exact keep the RGB values under fully transparent pixels (libwebp otherwise simplifies them)
 * @param sharpYuv sharper, slower RGB→YUV conversion (lossy only)
 * @param targetSize aim for this many bytes (cwebp {@code -size}); 0 is off
 * @param targetPsnr aim for this PSNR in dB (cwebp {@code -psnr}); 0 is off
 * @param preset cwebp's {@code -preset} tuning (lossy only)
 */
public record EncodeSettings(int quality, int method, boolean lossless, int nearLossless, int alphaQuality,
    boolean exact, boolean sharpYuv, int targetSize, double targetPsnr, Preset preset) {
  public static final int DEFAULT_METHOD = 4;
  public static final int NEAR_LOSSLESS_OFF = 100;

  public EncodeSettings {
    range("quality", quality, 0, 100);
    range("method", method, 0, 6);
    range("near-lossless", nearLossless, 0, 100);
    range("alpha-quality", alphaQuality, 0, 100);
    if (targetSize < 0) {
      throw new IllegalArgumentException("-target-size must be at least 0 (0 is off), got " + targetSize);
    }
    if (targetPsnr < 0 || targetPsnr > 99 || Double.isNaN(targetPsnr)) {
      throw new IllegalArgumentException("-target-psnr must be between 0 (off) and 99 dB, got " + targetPsnr);
    }
    if (preset == null) {
      preset = Preset.DEFAULT;
    }
  }

  /** Lossy at {@code quality} and {@code method}, everything else as cwebp's defaults. */
  public EncodeSettings(int quality, int method) {
    this(quality, method, false, NEAR_LOSSLESS_OFF, 100, false, false, 0, 0, Preset.DEFAULT);
  }

  private static void range(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException("-" + name + " must be between " + min + " and " + max + ", got " + v);
    }
  }

  /** True when the bitstream is VP8L: {@code -lossless} or any near-lossless level. */
  public boolean isLossless() {
    return lossless || nearLossless < NEAR_LOSSLESS_OFF;
  }

  public EncodeSettings withQuality(int q) {
    return new EncodeSettings(q, method, lossless, nearLossless, alphaQuality, exact, sharpYuv, targetSize,
        targetPsnr, preset);
  }

  /** These settings switched to lossless (for {@code -png auto}); lossy-only knobs no longer matter. */
  public EncodeSettings asLossless() {
    return new EncodeSettings(quality, method, true, nearLossless, alphaQuality, exact, sharpYuv, 0, 0, preset);
  }

  /**
   * A short text that changes whenever the encoded bytes would: "q80 m4" plus every non-default option,
   * in a fixed order.
   */
  public String key() {
    StringBuilder b = new StringBuilder("q" + quality + " m" + method);
    if (lossless) {
      b.append(" lossless");
    }
    if (nearLossless < NEAR_LOSSLESS_OFF) {
      b.append(" near").append(nearLossless);
    }
    if (alphaQuality != 100) {
      b.append(" aq").append(alphaQuality);
    }
    if (exact) {
      b.append(" exact");
    }
    if (sharpYuv) {
      b.append(" sharpyuv");
    }
    if (targetSize > 0) {
      b.append(" size").append(targetSize);
    }
    if (targetPsnr > 0) {
      b.append(String.format(Locale.ROOT, " psnr%.2f", targetPsnr));
    }
    if (preset != Preset.DEFAULT) {
      b.append(" preset-").append(preset.name().toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }
}
