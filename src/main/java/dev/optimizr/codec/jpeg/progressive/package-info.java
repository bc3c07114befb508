/**
 * Rewrites a progressive Huffman JPEG as one baseline scan with the same DCT coefficients, so that libjpeg
 * decodes it once instead of once per scan. {@link dev.optimizr.codec.jpeg.progressive.ProgressiveJpeg} is
 * the one entry; the scan decoder, Huffman tables, frame header and baseline writer are private to it.
 */
package dev.optimizr.codec.jpeg.progressive;
