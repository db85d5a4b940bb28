package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.spi.ToolException;
import java.nio.file.Path;
import java.util.Optional;

/** The dump a call names ({@code dump_name}, as list_crash_dumps names it), or the newest readable dump. */
public final class DumpChooser {

    private final DumpLocator dumps;
    private final Path dumpPath;

    /** @param dumpPath the dump folder as configured, for messages */
    public DumpChooser(DumpLocator dumps, Path dumpPath) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.dumpPath = requireNonNull(dumpPath, "dumpPath is null");
    }

    /** @throws ToolException when the named dump is not there, or there is no readable dump */
    DumpFile choose(Optional<String> dumpName) {
        return dumpName.map(name -> describe(dumps.names().resolve(name))).orElseGet(this::newest);
    }

    private DumpFile describe(Path path) {
        return dumps.describe(path)
                .orElseThrow(() -> new ToolException("dump " + path + " disappeared; call list_crash_dumps"));
    }

    private DumpFile newest() {
        return dumps.list().stream()
                .filter(d -> d.readable() && d.format().isDump())
                .findFirst()
                .orElseThrow(() -> new ToolException("no readable dump found under " + dumpPath
                        + " (CRASH_DUMP_PATH); put the vmcore there or pass dump_name"));
    }
}
