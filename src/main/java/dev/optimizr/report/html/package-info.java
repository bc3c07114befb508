/**
 * report.html: the self-contained migration report (inline CSS, charts as inline SVG drawn by JFreeChart through
 * JFreeSVG, pictures as data URIs; no script, no network). Built from a {@link dev.optimizr.report.html.ReportModel}
 * of bounded size, so a migration of millions of files makes a page of the same size as one of hundreds. The
 * entry is {@link dev.optimizr.report.html.HtmlReport}.
 */
package dev.optimizr.report.html;
