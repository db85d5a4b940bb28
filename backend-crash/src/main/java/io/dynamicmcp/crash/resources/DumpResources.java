package io.dynamicmcp.crash.resources;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.crash.dump.DmesgFiles;
import io.dynamicmcp.crash.dump.DumpCondition;
import io.dynamicmcp.crash.dump.DumpEntry;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpNames;
import io.dynamicmcp.crash.dump.DumpTree;
import io.dynamicmcp.crash.dump.TriageRecords;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dumps under the dump folder as resources: each one's metadata as JSON (what {@code list_crash_dumps} reports),
 * and the kernel log kdump saved beside it where there is one. Names come from the client, so every read goes
 * through {@link DumpNames#resolve}: nothing outside the dump folder, symlinks included, is read.
 */
public final class DumpResources {

    /**
     * Jackson, loaded when a dump's metadata is first read, not when the server starts (it is hundreds of classes).
     * Every use of a Jackson type is in here: a type named in a method of the outer class would be loaded when that
     * class is checked at start-up.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static String pretty(Map<String, Object> value) {
            try {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + value.keySet() + " as JSON", e);
            }
        }
    }
    private static final int MAX_LOG_BYTES = ResourceSource.MAX_TEXT_BYTES - 1024;
    /** The most dumps listed as resources (the newest); any dump can be read by its URI, and list_crash_dumps pages. */
    static final int MAX_LISTED = 1000;

    private final DumpLocator dumps;
    private final DmesgFiles dmesgFiles;
    private final TriageRecords triaged;

    /** @param triaged what crash_triage concluded about each dump, shown with its metadata */
    public DumpResources(DumpLocator dumps, DmesgFiles dmesgFiles, TriageRecords triaged) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.dmesgFiles = requireNonNull(dmesgFiles, "dmesgFiles is null");
        this.triaged = requireNonNull(triaged, "triaged is null");
    }

    /** {@code crash-dump:///NAME}: the metadata of each dump. */
    public ResourceSource metadata() {
        return ResourceSource.builder("crash_dump", CrashUris.DUMP_TEMPLATE)
                .title("Kernel crash dumps")
                .description("One resource per kernel crash dump under the server's dump folder (CRASH_DUMP_PATH), "
                        + "the newest " + MAX_LISTED + " listed: its metadata as JSON, as list_crash_dumps reports it "
                        + "(which pages through all of them). {+name} is the dump_name, a path relative to the dump "
                        + "folder; any dump can be read by its URI. The list changes when a dump appears, goes, or "
                        + "completes (kdump renames vmcore-incomplete when its copy is done).")
                .mimeType("application/json")
                .lister(this::listDumps)
                .reader((uri, caller) -> readMetadata(CrashUris.dumpName(uri)))
                .build();
    }

    /** {@code crash-dump:///NAME/dmesg}: the kernel log beside each dump that has one. */
    public ResourceSource dmesg() {
        return ResourceSource.builder("crash_dump_dmesg", CrashUris.DMESG_TEMPLATE)
                .title("Kernel logs saved with the dumps")
                .description("The kernel log kdump saved beside a dump (vmcore-dmesg.txt on RHEL, dmesg.STAMP with "
                        + "Debian's kdump-tools): the messages up to the panic, readable without crash or debug "
                        + "symbols. Only dumps that have one list it; longer logs keep their end.")
                .mimeType("text/plain")
                .lister(this::listLogs)
                .reader((uri, caller) -> readLog(CrashUris.dmesgDumpName(uri)))
                .truncationHint("The whole log is 'log' in a crash session on the dump (crash_command).")
                .build();
    }

    /** The newest {@link #MAX_LISTED} dumps, by name; reads no dump. */
    private List<DumpEntry> listedDumps() {
        List<DumpEntry> entries = new ArrayList<>(dumps.entries().stream().limit(MAX_LISTED).toList());
        entries.sort(Comparator.comparing(DumpEntry::name));
        return entries;
    }

    private List<ResourceSource.Resource> listDumps() {
        Instant now = Instant.now();
        return listedDumps().stream().map(entry -> {
            String name = entry.name();
            DumpCondition condition = entry.condition(now, dumps.settle());
            String state = condition.complete() ? "" : " (" + condition.state().wireName().replace('_', ' ') + ")";
            String host = entry.layout().host().map(h -> " from " + h).orElse("");
            return new ResourceSource.Resource(CrashUris.dump(name), name, "Crash dump " + name + host + state,
                    "Metadata of the kernel crash dump " + name + host + state + " as JSON: host, path, size, time, "
                            + "state, format, kernel release and whether matching debug symbols were found. "
                            + (condition.complete() ? "Open the dump with crash_triage or start_crash_session, "
                                    + "dump_name '" + name + "'." : condition.reason().orElse("")), null);
        }).toList();
    }

    private List<ResourceSource.Resource> listLogs() {
        DumpNames names = dumps.names();
        List<ResourceSource.Resource> logs = new ArrayList<>();
        for (DumpEntry entry : listedDumps()) {
            Path dump = entry.path();
            dmesgFiles.beside(dump).ifPresent(log -> {
                String name = entry.name();
                logs.add(new ResourceSource.Resource(CrashUris.dmesg(name), name + " dmesg",
                        "Kernel log saved with " + name, "The kernel log kdump saved beside the dump " + name + " ("
                                + names.nameOf(log) + "), up to the panic. For the log held in the dump's memory, run "
                                + "'log' with crash_command.", size(log)));
            });
        }
        return logs;
    }

    private String readMetadata(String name) {
        Path file = dumpFile(name);
        DumpFile dump = dumps.describe(file).orElseThrow(() -> new ToolException("dump '" + name
                + "' disappeared; list the resources again"));
        Optional<Path> log = dmesgFiles.beside(file);
        Map<String, Object> metadata = new LinkedHashMap<>(triaged.withTriage(dump));
        metadata.put("dmesg_file", log.map(dumps.names()::nameOf).orElse(null));
        metadata.put("dmesg_uri", log.map(l -> CrashUris.dmesg(dump.name())).orElse(null));
        return Json.pretty(metadata);
    }

    private String readLog(String name) {
        Path file = dumpFile(name);
        Path log = dmesgFiles.beside(file).orElseThrow(() -> new ToolException("dump '" + name + "' has no kernel "
                + "log beside it (vmcore-dmesg.txt, or dmesg.STAMP for dump.STAMP) inside the dump folder; run 'log' "
                + "with crash_command in a session on it instead"));
        try {
            return DmesgFiles.tail(log, MAX_LOG_BYTES);
        } catch (IOException e) {
            throw new ToolException("cannot read the kernel log of dump '" + name + "': " + e.getMessage());
        }
    }

    /** The dump's path under the root (symlinks not followed); refused when it is outside or not named like a dump. */
    private Path dumpFile(String name) {
        DumpNames names = dumps.names();
        names.resolve(name);
        Path file = names.root().resolve(name).normalize();
        if (!DumpTree.looksLikeDump(file)) {
            throw new ToolException("'" + name + "' is not a dump: dumps are files named vmcore*, core*, dump*, "
                    + "*.crash or *.dump; list the resources, or call list_crash_dumps, for the dumps there are");
        }
        return file;
    }

    private static Long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return null;
        }
    }
}
