/**
 * Choosing how an image is encoded: lossy or lossless ({@code -png auto}: the graphics detector and the
 * lossless size estimate), and the quality search for {@code -target-ssim} with its SSIM measure.
 */
package dev.optimizr.codec.quality;
