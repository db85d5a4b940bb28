package io.dynamicmcp.core.process;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process service of one tool set: it starts the set's children, lists them, and kills whatever is left when it
 * closes (after the set closed, or at JVM exit through the host's shutdown hook). Thread-safe; closing twice is
 * harmless; a closed service starts nothing.
 */
public final class HostProcesses implements ProcessService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostProcesses.class);

    private final String owner;
    private final ChildLauncher launcher;
    private final List<HostChild> children = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private final AtomicBoolean nativeAccessChecked = new AtomicBoolean();

    /** @param owner the provider whose set the children belong to, for logs */
    public HostProcesses(String owner) {
        this(owner, new ChildLauncher());
    }

    HostProcesses(String owner, ChildLauncher launcher) {
        this.owner = requireNonNull(owner, "owner is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
    }

    @Override
    public ChildProcess start(ProcessSpec spec) throws IOException {
        requireNonNull(spec, "spec is null");
        if (!nativeAccessChecked.getAndSet(true) && !launcher.clean()) {
            LOG.warn("{}: JNA cannot load the C library: children cannot have terminals, and piped children start "
                    + "through the JDK and may inherit the server's ignored and blocked signals", owner);
        }
        if (closed) {
            throw new IOException("cannot start " + spec.description() + ": the " + owner + " tool set is closed");
        }
        HostChild child = launcher.start(spec, children::remove);
        children.add(child);
        if (closed) {
            child.close();
            throw new IOException("cannot start " + spec.description() + ": the " + owner + " tool set closed");
        }
        LOG.debug("{}: started {}", owner, child);
        return child;
    }

    @Override
    public List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /** Kills every child still open, then waits briefly for each and releases its terminal or pipes. */
    @Override
    public void close() {
        closed = true;
        List<HostChild> left = List.copyOf(children);
        if (!left.isEmpty()) {
            LOG.info("{}: killing {} child process(es) left running: {}", owner, left.size(), left);
        }
        left.forEach(HostChild::kill);
        left.forEach(HostChild::close);
    }
}
