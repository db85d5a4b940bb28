package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a failure class's follow-ups found: named details for the structured output (each a property of the
 * {@code findings} object in the schema), the evidence lines used, problems, and a few lines for the digest.
 */
public final class Findings {

    /** The most lines a class may add to the digest. */
    static final int MAX_DIGEST_LINES = 8;

    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Set<String> evidence = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> digest = new ArrayList<>();

    public void put(String name, Object value) {
        if (value != null) {
            details.put(name, value);
        }
    }

    public void evidence(String line) {
        if (line != null && !line.isBlank()) {
            evidence.add(line.strip());
        }
    }

    public void problem(String text) {
        problems.add(text);
    }

    /** A line for the digest; those past {@link #MAX_DIGEST_LINES} are left out. */
    public void digest(String line) {
        if (digest.size() < MAX_DIGEST_LINES) {
            digest.add(line);
        }
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<String> evidence() {
        return List.copyOf(evidence);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<String> digestLines() {
        return List.copyOf(digest);
    }
}
