/**
 * What persists between runs in the output root: the exclusive run lock and the record of which source
 * (size, modification time, settings) produced each output, so an unchanged re-run stats instead of decodes.
 */
package dev.optimizr.state;
