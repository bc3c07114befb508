/**
 * Where bytes come from and go to: {@link dev.optimizr.io.AtomicFileWriter} writes every file optimizr creates
 * (outputs, summary, failures, the record) through a hidden temp file, fsync and rename, and outputs never
 * through a symbolic link inside the output tree ({@link dev.optimizr.io.OutputLinks});
 * {@link dev.optimizr.io.IoReasons} words a failed file-system call for users. No threads and no metrics live
 * here.
 */
package dev.optimizr.io;
