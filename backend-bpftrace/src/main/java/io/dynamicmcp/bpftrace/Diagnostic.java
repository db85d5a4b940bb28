package io.dynamicmcp.bpftrace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One error or warning bpftrace reported about a script, e.g. {@code stdin:1:17-18: ERROR: syntax error}.
 *
 * @param severity {@code error} or {@code warning}
 * @param line 1-based line, or null when bpftrace named no position
 * @param column 1-based first column, or null
 * @param endColumn the column after the marked text, or null
 */
record Diagnostic(String severity, Integer line, Integer column, Integer endColumn, String message) {

    private static final Pattern POSITIONED =
            Pattern.compile("^[^:\\s]*:(\\d+):(\\d+)(?:-(\\d+))?: (ERROR|WARNING): (.*)$");
    private static final Pattern PLAIN = Pattern.compile("^(ERROR|WARNING|FATAL): (.*)$");
    /** Printed on hosts where bpftrace may not raise its locked-memory limit; it runs fine all the same. */
    private static final String HARMLESS_MEMLOCK = "couldn't set RLIMIT_MEMLOCK";

    /** The diagnostics among the message lines of a run, in order. */
    static List<Diagnostic> from(List<String> messages) {
        List<Diagnostic> found = new ArrayList<>();
        for (String text : messages) {
            parse(text).ifPresent(found::add);
        }
        return found;
    }

    static Optional<Diagnostic> parse(String text) {
        Matcher positioned = POSITIONED.matcher(text);
        if (positioned.find()) {
            Integer end = positioned.group(3) == null ? null : Integer.valueOf(positioned.group(3));
            return Optional.of(new Diagnostic(severity(positioned.group(4)),
                    Integer.valueOf(positioned.group(1)), Integer.valueOf(positioned.group(2)), end,
                    positioned.group(5)));
        }
        int at = indexOfPlain(text);
        if (at >= 0 && !text.contains(HARMLESS_MEMLOCK)) {
            Matcher plain = PLAIN.matcher(text.substring(at));
            if (plain.matches()) {
                return Optional.of(new Diagnostic(severity(plain.group(1)), null, null, null, plain.group(2)));
            }
        }
        return Optional.empty();
    }

    /** bpftrace sometimes prints a message without a newline before {@code ERROR:}; find where it starts. */
    private static int indexOfPlain(String text) {
        for (String marker : List.of("ERROR: ", "WARNING: ", "FATAL: ")) {
            int at = text.indexOf(marker);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    private static String severity(String word) {
        return word.equals("WARNING") ? "warning" : "error";
    }

    boolean isError() {
        return severity.equals("error");
    }

    Map<String, Object> toStructured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("severity", severity);
        out.put("line", line);
        out.put("column", column);
        out.put("end_column", endColumn);
        out.put("message", message);
        return out;
    }

    @Override
    public String toString() {
        return (line == null ? "" : "line " + line + ", column " + column + ": ") + severity + ": " + message;
    }
}
