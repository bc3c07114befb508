package dev.optimizr.codec;

import dev.optimizr.codec.meta.MetadataKind;
import dev.optimizr.codec.webp.EncodeSettings;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Everything that decides the bytes of an output besides the source: encoder settings, resizing, metadata,
 * the PNG policy, the SSIM target and what to do with outputs larger than their source. Immutable.
 *
 * @param encode libwebp settings (the quality is the starting point when {@code targetSsim} is set)
 * @param maxWidth shrink wider images to this width, keeping the aspect ratio; 0 = no limit
 * @param maxHeight shrink taller images to this height, keeping the aspect ratio; 0 = no limit
 * @param metadata blocks copied from the source
 * @param png how PNG sources are encoded
 * @param targetSsim 0 = off, else 0.90–0.999: per image, the lowest quality whose result reaches it
 * @param skipLarger write nothing when the WebP would be larger than its source
 */
public record ConvertOptions(EncodeSettings encode, int maxWidth, int maxHeight, Set<MetadataKind> metadata,
    PngMode png, double targetSsim, boolean skipLarger) {
  public static final double MIN_SSIM = 0.90;
  public static final double MAX_SSIM = 0.999;

  public ConvertOptions {
    if (maxWidth < 0 || maxHeight < 0) {
      throw new IllegalArgumentException((maxWidth < 0 ? "-max-width" : "-max-height")
          + " must be at least 0 (0 is no limit), got " + Math.min(maxWidth, maxHeight));
    }
    if (targetSsim != 0 && !(targetSsim >= MIN_SSIM && targetSsim <= MAX_SSIM)) {
      throw new IllegalArgumentException("-target-ssim must be between 0.90 and 0.999, got " + targetSsim);
    }
    metadata = metadata.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(metadata));
  }

  /** optimizr's defaults around {@code encode}: no resizing, no metadata, {@code -png auto}, keep larger. */
  public static ConvertOptions of(EncodeSettings encode) {
    return new ConvertOptions(encode, 0, 0, Set.of(), PngMode.AUTO, 0, false);
  }

  public boolean wants(MetadataKind kind) {
    return metadata.contains(kind);
  }

  /**
   * The settings text recorded per output in the conversion state: any change re-converts. Starts with
   * {@link EncodeSettings#key()}.
   */
  public String key() {
    StringBuilder b = new StringBuilder(encode.key());
    if (maxWidth > 0 || maxHeight > 0) {
      b.append(" fit").append(maxWidth).append('x').append(maxHeight);
    }
    if (!metadata.isEmpty()) {
      b.append(" meta-").append(MetadataKind.format(metadata));
    }
    b.append(" png-").append(png.name().toLowerCase(Locale.ROOT));
    if (targetSsim > 0) {
      b.append(String.format(Locale.ROOT, " ssim%.4f", targetSsim));
    }
    if (skipLarger) {
      b.append(" skip-larger");
    }
    return b.toString();
  }
}
