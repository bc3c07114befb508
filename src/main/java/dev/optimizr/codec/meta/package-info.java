/**
 * Metadata of a source file: the EXIF orientation, the EXIF block rewritten as upright, and the ICC, EXIF and
 * XMP blocks that {@code -metadata} copies into the WebP.
 */
package dev.optimizr.codec.meta;
