package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import java.util.Set;

/** Function-name tests shared by the kinds. */
final class Functions {

    private Functions() {
    }

    /** The name without a compiler suffix: {@code out_of_memory.cold} → {@code out_of_memory}. */
    static String base(String function) {
        int dot = function.indexOf('.');
        return dot > 0 ? function.substring(0, dot) : function;
    }

    /** Whether the backtrace has a frame (or exception RIP) in one of {@code names}, suffixes ignored. */
    static boolean any(Backtrace bt, Set<String> names) {
        return bt.functions().stream().map(Functions::base).anyMatch(names::contains)
                || bt.exceptions().stream().map(e -> e.symbol().map(s -> base(s.function())).orElse(""))
                        .anyMatch(names::contains);
    }

    /** Whether {@code function} (suffix ignored) starts with one of {@code prefixes}. */
    static boolean startsWithAny(String function, Set<String> prefixes) {
        String base = base(function);
        return prefixes.stream().anyMatch(base::startsWith);
    }
}
