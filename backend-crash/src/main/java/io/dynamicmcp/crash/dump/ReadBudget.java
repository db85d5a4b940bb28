package io.dynamicmcp.crash.dump;

import java.time.Duration;

/** How long a call may spend reading dumps before it leaves the rest to the background. */
public final class ReadBudget {

    /** No time: everything not known yet is left to the background. */
    public static final ReadBudget NONE = new ReadBudget(0);

    private final long deadline;
    private final boolean unlimited;

    private ReadBudget(long deadline) {
        this.deadline = deadline;
        this.unlimited = false;
    }

    private ReadBudget() {
        this.deadline = 0;
        this.unlimited = true;
    }

    /** Until {@code time} from now. */
    public static ReadBudget of(Duration time) {
        return time.isZero() ? NONE : new ReadBudget(System.nanoTime() + time.toNanos());
    }

    /** As long as it takes. */
    public static ReadBudget unlimited() {
        return new ReadBudget();
    }

    public boolean left() {
        return unlimited || System.nanoTime() - deadline < 0;
    }
}
