/**
 * libwebp through its JNI binding: the encoder settings in cwebp's terms (presets included), the in-memory
 * encode, and the extended (VP8X) container that carries ICC, EXIF and XMP chunks.
 */
package dev.optimizr.codec.webp;
