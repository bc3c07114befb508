/**
 * What a run shows and leaves for people and scripts: summary.json (built by sections from analytics
 * snapshots) and failures.jsonl, written through the atomic writer; the box-drawn report; the progress bar
 * and progress lines; the HTML migration report in the {@code html} sub-room. Renderers take the stream they
 * write to; nothing here reads System.out directly.
 */
package dev.optimizr.report;
