package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Classifier;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import java.util.List;

/** Every failure kind, in the order the classifier asks them (most specific report lines first). */
public final class FailureKinds {

    private static final List<FailureKind> KINDS = List.of(new NullPointerDereference(), new PageFault(),
            new GeneralProtectionFault(), new DivideError(), new KernelBug(), new Warning(), new SoftLockup(),
            new HardLockup(), new HungTask(), new OutOfMemory(), new InitKilled(), new Sysrq(), new GenericOops());
    private static final FailureKind UNKNOWN = new Unrecognised();

    private FailureKinds() {
    }

    public static List<FailureKind> all() {
        return KINDS;
    }

    public static Classifier classifier() {
        return new Classifier(KINDS, UNKNOWN);
    }

    /** The kind of a class. */
    public static FailureKind of(FailureClass failureClass) {
        return KINDS.stream().filter(k -> k.failureClass() == failureClass).findFirst().orElse(UNKNOWN);
    }
}
