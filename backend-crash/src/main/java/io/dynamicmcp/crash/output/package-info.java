/**
 * Large command outputs: streamed through bounded memory ({@link io.dynamicmcp.crash.output.OutputCapture}),
 * returned inline when small, otherwise as head, tail and an {@code output_id}. The store
 * ({@link io.dynamicmcp.crash.output.OutputStore}) keeps them in a private folder within a byte quota; the
 * {@code get_command_output} and {@code search_command_output} tools read them through
 * {@link io.dynamicmcp.crash.output.OutputPager} and {@link io.dynamicmcp.crash.output.OutputSearcher}.
 */
package io.dynamicmcp.crash.output;
