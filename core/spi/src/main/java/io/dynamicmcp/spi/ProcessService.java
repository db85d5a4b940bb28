package io.dynamicmcp.spi;

import java.io.IOException;
import java.util.List;

/**
 * The host's service for starting child programs, reached through {@link ProviderContext#processes()}. Providers
 * <em>must</em> start every child through it, so that the host can list, supervise and reap it.
 *
 * <p>Every child started here belongs to the tool set whose context returned the service: the host kills it, with
 * everything it started, at the latest when that set closes or when the server exits, however it exits. A child
 * starts clean whatever started the server: as the leader of a new session, with every signal at its default
 * disposition and none blocked, with exactly the environment its {@link ProcessSpec} gives, and with no open
 * descriptor but its standard input, output and error.
 *
 * <p>Implementations are thread-safe.
 */
public interface ProcessService {

    /**
     * Starts a program.
     *
     * @param spec what to start and how
     * @return the running child, owned by the caller, who <em>should</em> close it when done with it
     * @throws IOException if the program cannot be started (not found, not executable, no terminal left)
     */
    ChildProcess start(ProcessSpec spec) throws IOException;

    /**
     * Runs a program to its end under {@code policy} and returns what it printed: for short commands such as
     * {@code --version}. On pipes its input is closed at once, so a program that reads it sees the end of the file. The
     * child is closed before this returns, whatever happens.
     *
     * @param spec what to run; output past its {@linkplain ProcessSpec#outputLimit() limit}, or past
     *     {@value FinishedProcess#MAX_KEPT} bytes when it has none, is dropped
     * @param policy deadline, interrupt, grace and kill, and a cancellation
     * @return the exit status, the output and how the supervision ended
     * @throws IOException if the program cannot be started
     * @throws InterruptedException if the calling thread is interrupted; the child is then killed
     */
    default FinishedProcess run(ProcessSpec spec, Supervision policy) throws IOException, InterruptedException {
        try (ChildProcess child = start(spec)) {
            if (!spec.terminal()) {
                child.closeInput();
            }
            java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
            Supervised outcome = child.supervise(policy, chunk -> {
                output.write(chunk, 0, Math.max(0, Math.min(chunk.length, FinishedProcess.MAX_KEPT - output.size())));
                return OutputWatcher.Verdict.MORE;
            });
            child.waitFor(java.time.Duration.ofSeconds(5));
            return new FinishedProcess(child.exitStatus(), output.toByteArray(),
                    child.outputLimitReached() || child.outputBytes() > output.size(), outcome);
        }
    }

    /**
     * The children started through this service that have not been closed yet, oldest first.
     *
     * @return a snapshot; never null
     */
    List<ChildProcess> children();
}
