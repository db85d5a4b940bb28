package io.dynamicmcp.crash.output;

/**
 * What a finished {@link OutputCapture} gives the tool to return.
 *
 * @param text the whole output when it fit the inline limit; otherwise its head, a marker line saying what
 *     was left out and how to page through it, and its tail. Lines end with {@code \n}.
 * @param totalLines how many lines the output had
 * @param totalBytes its size in UTF-8 bytes, one byte per line end included
 * @param outputId the id under which the full output is stored, or null when {@code text} is the whole of it
 *     (or the stored copy was removed)
 * @param truncated whether {@code text} leaves lines out
 */
public record CapturedOutput(String text, long totalLines, long totalBytes, String outputId, boolean truncated) {
}
