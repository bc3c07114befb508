/**
 * JPEG structure before decoding: the marker segments optimizr reads (EXIF orientation, metadata blocks, the
 * component count that decides how an embedded profile is used) and the damage checks the JDK reader misses.
 * The progressive transcoder lives in {@link dev.optimizr.codec.jpeg.progressive}.
 */
package dev.optimizr.codec.jpeg;
