/**
 * The filters the server applies to a command's output itself, so crash never pipes to a shell: {@code grep},
 * {@code head}, {@code tail} and {@code wc -l}, chained ({@link io.dynamicmcp.crash.filter.OutputFilter}), with
 * the client's patterns bounded in work ({@link io.dynamicmcp.crash.filter.LinePattern}).
 */
package io.dynamicmcp.crash.filter;
