/**
 * Turns one image into one WebP: {@link dev.optimizr.codec.ImageConverter} runs read → sniff
 * ({@link dev.optimizr.codec.ImageFormat}) → structure checks and decode ({@link dev.optimizr.codec.ImageDecoder},
 * with {@code jpeg}, {@code png}) → pixels ({@code pixels}: normalise, colour, orientation, resize) → encode
 * ({@code quality} chooses lossy/lossless and the quality, {@code webp} encodes and adds {@code meta}data) → write;
 * an {@link dev.optimizr.codec.EncodedTap} may then look at a sampled image's encoded pixels (the quality audit,
 * scored by {@code quality.AuditScore}).
 * No threads and no metrics live here; every failure is a {@link dev.optimizr.codec.ConversionException}
 * carrying an {@link dev.optimizr.codec.ErrorType}.
 */
package dev.optimizr.codec;
