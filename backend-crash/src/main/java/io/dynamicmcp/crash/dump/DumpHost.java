package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * The host a dump came from, and where that was read.
 *
 * @param name an IP address or host name, as the source gives it
 */
public record DumpHost(String name, Source source) {

    /** Where the host's name was read. */
    public enum Source {
        /** The folder kdump's target named after the host ({@code <ip>-<date>}), or a folder per host above it. */
        FOLDER,
        /** The nodename in the dump's own header (makedumpfile keeps the kernel's utsname there). */
        DUMP_HEADER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DumpHost {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
    }

    /**
     * The folder's host unless it names none or only the loopback address, then the header's nodename, then the
     * folder's loopback address (a machine's own local tree).
     */
    public static Optional<DumpHost> of(DumpLayout layout, Optional<String> nodeName) {
        Optional<String> folder = layout.host();
        if (folder.isPresent() && !DumpLayout.isLoopback(folder.get())) {
            return Optional.of(new DumpHost(folder.get(), Source.FOLDER));
        }
        if (nodeName.isPresent()) {
            return Optional.of(new DumpHost(nodeName.get(), Source.DUMP_HEADER));
        }
        return folder.map(name -> new DumpHost(name, Source.FOLDER));
    }

    /** Whether {@code wanted} names this host (case-insensitive). */
    public boolean matches(String wanted) {
        return name.equalsIgnoreCase(wanted);
    }
}
