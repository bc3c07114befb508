package dev.optimizr.codec.webp;

/**
 * cwebp's {@code -preset}, emulated. webp-imageio 0.11.0 has no binding for {@code WebPConfigPreset}, but
 * a preset only sets five lossy tuning fields on top of the defaults, each of which the binding can set, so
 * each constant carries the values libwebp's {@code WebPConfigInitInternal} (src/enc/config_enc.c, unchanged
 * from 0.5 to 1.6) assigns. -1 leaves libwebp's default in place (sns 50, filter 60, sharpness 0,
 * preprocessing 0, segments 4).
 */
public enum Preset {
  DEFAULT(-1, -1, -1, -1, -1),
  /** Digital picture, like a portrait or an inner shot. */
  PICTURE(80, 35, 4, 0, -1),
  /** Outdoor photograph with natural lighting; preprocessing bit 2 is pseudo-random dithering. */
  PHOTO(80, 30, 3, 2, -1),
  /** Hand or line drawing, with high-contrast details. */
  DRAWING(25, 10, 6, -1, -1),
  /** Small colourful images: no filtering, to keep them sharp. */
  ICON(0, 0, -1, 0, -1),
  /** Text-like images: no filtering, two segments. */
  TEXT(0, 0, -1, 0, 2);

  public final int snsStrength;
  public final int filterStrength;
  public final int filterSharpness;
  public final int preprocessing;
  public final int segments;

  Preset(int snsStrength, int filterStrength, int filterSharpness, int preprocessing, int segments) {
    this.snsStrength = snsStrength;
    this.filterStrength = filterStrength;
    this.filterSharpness = filterSharpness;
    this.preprocessing = preprocessing;
    this.segments = segments;
  }
}
