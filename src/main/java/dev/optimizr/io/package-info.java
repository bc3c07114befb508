/**
 * Where bytes come from and go to: {@link dev.optimizr.io.AtomicFileWriter} writes every file optimizr creates
 * (outputs, summary, failures, the record) through a hidden temp file, fsync and rename. No threads and no
 * metrics live here.
 */
package dev.optimizr.io;
