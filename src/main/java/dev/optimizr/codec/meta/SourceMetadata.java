package dev.optimizr.codec.meta;

/**
 * The metadata blocks of a source file, as raw bytes, for {@code -metadata}. Immutable by convention: the
 * arrays are never modified after extraction (callers copy before editing).
 *
 * @param icc the ICC profile exactly as embedded (JPEG APP2 pieces joined in order, PNG iCCP inflated), or null
 * @param exif the EXIF TIFF structure (from the "II"/"MM" byte-order mark on, without JPEG's "Exif\0\0"), or null
 * @param xmp the XMP packet (UTF-8 XML), or null
 */
public record SourceMetadata(byte[] icc, byte[] exif, byte[] xmp) {
  public static final SourceMetadata NONE = new SourceMetadata(null, null, null);
}
