package io.dynamicmcp.crash.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Thousands of hostile variants; nothing allowed may carry an escape. Seed: -Dpolicy.fuzz.seed=N. */
class PolicyFuzzTest {

    static final int VARIANTS = Integer.getInteger("policy.fuzz.variants", 50_000);

    static long seed() {
        return Long.getLong("policy.fuzz.seed", 20261122L);
    }

    @Test
    void noHostileVariantGetsThrough() {
        long seed = seed();
        CommandPolicy policy = CommandPolicy.defaults();
        HostileCommands hostile = new HostileCommands(seed, "/tmp/dynamic-mcp-canary");
        Set<String> distinct = new LinkedHashSet<>();
        Set<String> allowedCommands = new LinkedHashSet<>();
        List<String> escapes = new ArrayList<>();
        int allowed = 0;
        for (int i = 0; i < VARIANTS; i++) {
            String line = hostile.next();
            distinct.add(line);
            Verdict verdict = policy.check(line);
            if (verdict.allowed()) {
                allowed++;
                allowedCommands.add(verdict.crashCommand());
                String violation = EscapeOracle.violation(verdict.crashCommand());
                if (violation != null) {
                    escapes.add(CrashLineSyntax.printable(line) + " -> " + verdict.crashCommand() + ": " + violation);
                }
            } else {
                assertNotNull(verdict.reason());
                assertFalse(verdict.reason().isBlank());
            }
        }
        System.out.printf("PolicyFuzzTest: seed %d (override with -Dpolicy.fuzz.seed=N), %d variants (%d distinct),"
                + " %d allowed (%d distinct crash commands), %d escapes%n", seed, VARIANTS, distinct.size(), allowed,
                allowedCommands.size(), escapes.size());
        assertEquals(List.of(), escapes.subList(0, Math.min(20, escapes.size())));
        assertTrue(allowed > 100, "the fuzzer should also produce some harmless variants; got " + allowed);
        assertTrue(allowed < VARIANTS / 2, "most variants are hostile; " + allowed + " allowed");
    }

    @Test
    void everyBareEscapeIsRejected() {
        CommandPolicy policy = CommandPolicy.defaults();
        for (String escape : new HostileCommands(seed(), "/tmp/canary").escapes()) {
            Verdict verdict = policy.check(escape);
            assertFalse(verdict.allowed(), () -> escape + " was allowed as " + verdict.crashCommand());
        }
    }

    @Test
    void theOracleItselfCatchesEscapes() {
        for (String escape : new HostileCommands(seed(), "/tmp/canary").escapes()) {
            assertNotNull(EscapeOracle.violation(escape), escape);
        }
        for (String ordinary : List.of("sys", "bt -a", "rd -64 jiffies 4", "set -p", "p init_task->comm")) {
            assertEquals(null, EscapeOracle.violation(ordinary), ordinary);
        }
    }
}
