package io.dynamicmcp.examples.kernelinfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's taint flags: bit in {@code /proc/sys/kernel/tainted}, letter in "Tainted:" lines and in
 * {@code /proc/modules}, and meaning, as in the kernel's Documentation/admin-guide/tainted-kernels.rst.
 */
enum TaintFlag {
    PROPRIETARY_MODULE(0, 'P', "proprietary module was loaded"),
    FORCED_MODULE(1, 'F', "module was force loaded"),
    CPU_OUT_OF_SPEC(2, 'S', "kernel running on an out of specification system"),
    FORCED_RMMOD(3, 'R', "module was force unloaded"),
    MACHINE_CHECK(4, 'M', "processor reported a Machine Check Exception (MCE)"),
    BAD_PAGE(5, 'B', "bad page referenced or some unexpected page flags"),
    USER(6, 'U', "taint requested by userspace application"),
    DIE(7, 'D', "kernel died recently, i.e. there was an OOPS or BUG"),
    OVERRIDDEN_ACPI_TABLE(8, 'A', "ACPI table overridden by user"),
    WARN(9, 'W', "kernel issued warning"),
    CRAP(10, 'C', "staging driver was loaded"),
    FIRMWARE_WORKAROUND(11, 'I', "workaround for bug in platform firmware applied"),
    OOT_MODULE(12, 'O', "externally-built (\"out-of-tree\") module was loaded"),
    UNSIGNED_MODULE(13, 'E', "unsigned module was loaded"),
    SOFTLOCKUP(14, 'L', "soft lockup occurred"),
    LIVEPATCH(15, 'K', "kernel has been live patched"),
    AUX(16, 'X', "auxiliary taint, defined for and used by distros"),
    RANDSTRUCT(17, 'T', "kernel was built with the struct randomization plugin"),
    TEST(18, 'N', "an in-kernel test has been run"),
    FWCTL(19, 'J', "userspace used a mutating debug operation in fwctl");

    private final int bit;
    private final char letter;
    private final String meaning;

    TaintFlag(int bit, char letter, String meaning) {
        this.bit = bit;
        this.letter = letter;
        this.meaning = meaning;
    }

    int bit() {
        return bit;
    }

    char letter() {
        return letter;
    }

    String meaning() {
        return meaning;
    }

    static Optional<TaintFlag> ofBit(int bit) {
        for (TaintFlag flag : values()) {
            if (flag.bit == bit) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    static Optional<TaintFlag> ofLetter(char letter) {
        for (TaintFlag flag : values()) {
            if (flag.letter == letter) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    /** The set bits of a {@code tainted} value, lowest first; bits this table does not know have no flag. */
    static List<Integer> setBits(long value) {
        List<Integer> bits = new ArrayList<>();
        for (int bit = 0; bit < Long.SIZE; bit++) {
            if ((value & (1L << bit)) != 0) {
                bits.add(bit);
            }
        }
        return bits;
    }
}
