/**
 * Where bytes come from and go to: trees of sources ({@link dev.optimizr.io.InputTree}) and of outputs
 * ({@link dev.optimizr.io.OutputTree}), one image's {@link dev.optimizr.io.ImageSource} and
 * {@link dev.optimizr.io.ImageSink}, on a local file system here and in object storage in {@code io.s3}.
 * {@link dev.optimizr.io.AtomicFileWriter} writes every local file optimizr creates (outputs, summary, failures,
 * the record) through a hidden temp file, fsync and rename, and outputs never through a symbolic link inside the
 * output tree ({@link dev.optimizr.io.OutputLinks}); {@link dev.optimizr.io.IoReasons} words a failed
 * file-system call for users. No threads and no metrics live here.
 */
package dev.optimizr.io;
