package io.dynamicmcp.crash.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A short, stable id for a bug: the class, the culprit (function and module) and the culprit's callers, with no
 * addresses, offsets, PIDs or CPUs, hashed. Two dumps of the same bug from different boots share it; a different
 * class, culprit or call path gives another.
 *
 * @param id 12 hexadecimal digits of the SHA-256 of {@code basis}
 * @param basis what was hashed, readable: {@code class|culprit [module]|caller|caller|caller}
 */
public record Signature(String id, String basis) {

    /** How many callers of the culprit go into it. */
    static final int CALLERS = 3;

    public static Signature of(FailureClass failureClass, Optional<Culprit> culprit, Optional<String> panicMessage,
            Backtrace bt) {
        List<String> parts = new ArrayList<>();
        parts.add(failureClass.wireName());
        if (culprit.isPresent()) {
            parts.add(culprit.get().frame().name());
            culprit.get().callers().stream().limit(CALLERS).map(StackFrame::name).forEach(parts::add);
        } else {
            panicMessage.map(Signature::withoutNumbers).ifPresent(parts::add);
            bt.stack().stream().limit(CALLERS).map(StackFrame::name).forEach(parts::add);
        }
        String basis = String.join("|", parts);
        return new Signature(hash(basis), basis);
    }

    static String withoutNumbers(String text) {
        return text.replaceAll("0x[0-9a-fA-F]+", "N").replaceAll("\\d+", "N");
    }

    private static String hash(String basis) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("basis", basis);
        return map;
    }
}
