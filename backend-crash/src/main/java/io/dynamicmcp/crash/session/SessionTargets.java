package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.ElfBuildId;
import io.dynamicmcp.crash.dump.FlattenedDumps;
import io.dynamicmcp.crash.dump.KernelMatch;
import io.dynamicmcp.crash.dump.KernelMatcher;
import io.dynamicmcp.crash.index.SymbolIndexCache;
import io.dynamicmcp.crash.symbols.ModuleDebugInfo;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What crash is started on for a dump, for a client's session and for the server's own background work alike: the
 * dump must be readable, complete and a dump format crash reads, its kernel release known and its vmlinux found; the
 * symbols are read through the kernel's symbol index when there is one, and crash opens a flattened dump directly or
 * its reassembled copy ({@link FlattenedDumps}). Thread-safe.
 */
public final class SessionTargets {

    private final Optional<CrashBinary> crash;
    private final KernelMatcher kernels;
    private final SymbolIndexCache index;
    private final FlattenedDumps flats;

    /**
     * A target ready to start, and what became of the symbol index.
     *
     * @param indexed whether the symbols are read through an indexed copy of the vmlinux
     */
    public record Prepared(SessionStarter.Target target, boolean indexed, String symbolIndex) {
    }

    /** @param crash the crash binary, for the version a session records; empty when not found */
    public SessionTargets(Optional<CrashBinary> crash, KernelMatcher kernels, SymbolIndexCache index,
            FlattenedDumps flats) {
        this.crash = requireNonNull(crash, "crash is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        this.index = requireNonNull(index, "index is null");
        this.flats = requireNonNull(flats, "flats is null");
    }

    /**
     * @param progress told what is done before crash can start (a flattened dump being reassembled)
     * @throws ToolException saying why crash cannot be started on the dump, and what to do
     */
    public Prepared prepare(DumpFile dump, CallCancellation cancellation, Consumer<String> progress) {
        dump.unreadableReason().ifPresent(why -> {
            throw new ToolException("cannot read " + dump.name() + ": " + why);
        });
        if (!dump.condition().complete()) {
            throw new ToolException("'" + dump.name() + "' is " + dump.condition().state().wireName().replace('_', ' ')
                    + ", so crash is not started on it: " + dump.condition().reason().orElse("") + ". Its kernel log, "
                    + "where kdump saved one beside it, is the resource crash-dump:///" + dump.name() + "/dmesg; "
                    + "list_crash_dumps shows the state of every dump.");
        }
        if (!dump.format().isDump()) {
            throw new ToolException("'" + dump.name() + "' is not a crash dump: its first bytes match no format crash "
                    + "reads (ELF core, kdump-compressed, diskdump), and crash --osrelease cannot read a kernel release "
                    + "from it. Pick a vmcore from list_crash_dumps.");
        }
        String release = dump.kernel().release().orElseThrow(() -> new ToolException("cannot read the kernel release "
                + "of " + dump.name() + " (" + dump.format().description() + "): neither crash --osrelease nor its "
                + "VMCOREINFO names it, so its vmlinux cannot be matched. The dump may be truncated or made without "
                + "VMCOREINFO."));
        KernelMatch match = kernels.find(dump.kernel(), dump.path());
        Path vmlinux = match.vmlinux().orElseThrow(() -> new ToolException(match.missingMessage(release)));
        String version = crash.map(CrashBinary::version).orElse("unknown");
        Path opened = flats.openable(dump, cancellation, progress);
        Optional<String> buildId = ElfBuildId.read(vmlinux);
        Optional<Path> indexed = buildId.flatMap(index::find);
        String symbolIndex = indexed.isPresent() ? "used: " + indexed.get()
                : index.unavailable().map(why -> "not used: " + why)
                        .orElse(buildId.isEmpty() ? "not used: the vmlinux has no build-id"
                                : "none yet for this kernel: it is built in the background after this session opens, "
                                        + "so the next start is faster");
        return new Prepared(new SessionStarter.Target(dump.name(), opened, vmlinux, indexed.orElse(vmlinux), release,
                version), indexed.isPresent(), symbolIndex);
    }

    /**
     * A session started on {@code prepared}: builds in the background the symbol index of the kernel, if it has none,
     * then those of the modules whose files it loaded without one.
     */
    public void opened(Prepared prepared, List<ModuleDebugInfo> modules) {
        if (!prepared.indexed()) {
            index.buildInBackground(prepared.target().vmlinux());
        }
        for (ModuleDebugInfo module : modules) {
            if (module.status() == ModuleDebugInfo.Status.LOADED) {
                module.file().ifPresent(file -> index.buildInBackground(file, file.getFileName().toString()));
            }
        }
    }
}
