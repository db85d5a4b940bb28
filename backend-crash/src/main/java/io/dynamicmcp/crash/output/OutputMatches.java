package io.dynamicmcp.crash.output;

import java.util.List;

/**
 * What a search of a stored output found.
 *
 * @param outputId the output
 * @param pattern the pattern searched for
 * @param matches the matching lines in order, each with its context
 * @param complete false when the search stopped early (at the match limit or the size limit); more matches
 *     may follow {@code resumeOffset}
 * @param resumeOffset the line to continue searching from when not complete, else null
 * @param storedLines how many lines were searchable
 * @param tooExpensiveLines lines the pattern needed too much work on; they count as not matching
 */
public record OutputMatches(String outputId, String pattern, List<Match> matches, boolean complete, Long resumeOffset,
        long storedLines, long tooExpensiveLines) {

    /**
     * One matching line.
     *
     * @param offset its 0-based number, usable as {@code offset} of {@code get_command_output}
     * @param text the line
     * @param before up to {@code context} lines before it
     * @param after up to {@code context} lines after it
     */
    public record Match(long offset, String text, List<String> before, List<String> after) {
    }
}
