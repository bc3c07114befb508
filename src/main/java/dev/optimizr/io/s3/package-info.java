/**
 * Object storage (S3 and S3-compatible stores) behind the io seam: {@link dev.optimizr.io.s3.S3Location} parses
 * {@code s3://bucket/prefix/}, {@link dev.optimizr.io.s3.S3Storage} owns the client (credentials chain,
 * endpoint, checksums, retries) and makes the input and output trees, sources and sinks. No threads live here:
 * prefetching and uploads run in the pipeline.
 */
package dev.optimizr.io.s3;
