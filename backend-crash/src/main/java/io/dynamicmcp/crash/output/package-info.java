/**
 * Large command outputs: streamed through bounded memory, returned inline when small, otherwise as head,
 * tail and an {@code output_id} that the {@code get_command_output} and {@code search_command_output}
 * tools page and search ({@link io.dynamicmcp.crash.output.OutputStore},
 * {@link io.dynamicmcp.crash.output.OutputTools}).
 */
package io.dynamicmcp.crash.output;
