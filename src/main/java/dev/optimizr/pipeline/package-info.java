/**
 * Runs a batch: walks the input tree into a bounded queue, drains it with a fixed pool of workers that
 * call the codec, applies the heap guard, and stops cleanly when asked. Owns the job and result records.
 */
package dev.optimizr.pipeline;
