/**
 * Pixels between decode and encode: the decode destination, normalisation to 8-bit RGB/RGBA, colour
 * conversion from an embedded ICC profile to sRGB, EXIF orientation and resizing.
 */
package dev.optimizr.codec.pixels;
