package io.dynamicmcp.crash.output;

import java.util.List;

/**
 * Lines of a stored output.
 *
 * @param outputId the output
 * @param offset the 0-based number of the first line in {@code lines}
 * @param lines the lines, without line ends (very long lines are cut, with a note)
 * @param nextOffset the offset of the next page, or null at the end
 * @param totalLines how many lines the command printed
 * @param storedLines how many of them are stored (fewer when the store was full)
 */
public record OutputPage(String outputId, long offset, List<String> lines, Long nextOffset, long totalLines,
        long storedLines) {
}
