package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What triage concluded: the incident (class, report and panic lines), the culprit as published, the signature, and
 * what the class's follow-ups found.
 */
public record Diagnosis(Incident incident, Optional<Map<String, Object>> culprit, Signature signature, Findings findings) {

    /** The most evidence lines kept. */
    static final int MAX_EVIDENCE = 8;

    public Diagnosis {
        requireNonNull(incident, "incident is null");
        requireNonNull(culprit, "culprit is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(findings, "findings is null");
    }

    /** The lines the class and the culprit were read from: the report line, the panic line, then the class's own. */
    public List<String> evidence() {
        List<String> lines = new ArrayList<>();
        incident.reportLine().ifPresent(lines::add);
        incident.panicLine().ifPresent(lines::add);
        if (incident.basis().equals("sys")) {
            incident.sysPanic().ifPresent(p -> lines.add("sys: PANIC: \"" + p + "\""));
        }
        if (incident.basis().equals("bt")) {
            lines.add("bt: " + String.join(" <- ", incident.bt().functions().stream().limit(6).toList()));
        }
        for (String line : findings.evidence()) {
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        return List.copyOf(lines.subList(0, Math.min(MAX_EVIDENCE, lines.size())));
    }
}
