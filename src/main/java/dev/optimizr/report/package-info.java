/**
 * Writes what a run leaves on disk for people and scripts: summary.json and failures.jsonl, atomically.
 * Built only from analytics snapshots and plain values; never touches stdout or stderr.
 */
package dev.optimizr.report;
