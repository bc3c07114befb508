/**
 * The PNG chunk layer, checked before decoding: CRCs, chunk order, truncation and the header dimensions, which
 * the JDK reader ignores or reports late.
 */
package dev.optimizr.codec.png;
