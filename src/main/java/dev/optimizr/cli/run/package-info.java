/**
 * One conversion run from the command line's side: {@link dev.optimizr.cli.run.RunSession} takes the output's
 * lock, opens the migration record, starts observability, runs the batch and prints the progress and the
 * end-of-run report; {@link dev.optimizr.cli.run.RunStorage} says where the trees and the record live.
 */
package dev.optimizr.cli.run;
