package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One dump found under the dump root, as the tools publish it.
 *
 * @param name its path relative to the dump root, usable as {@code dump_name}
 * @param unreadableReason why it cannot be read, when it cannot
 * @param host the host it came from, when its folder or its header says
 * @param condition whether it is complete, being written or incomplete, and why
 * @param folderTime the date in its folder's name, as kdump wrote it
 * @param pending the fields still being worked out in the background (their values are null or unknown meanwhile)
 */
public record DumpFile(
        String name,
        Path path,
        long size,
        Instant modified,
        Optional<String> unreadableReason,
        DumpFormat format,
        KernelIdentity kernel,
        Optional<Path> vmlinux,
        Optional<DumpHost> host,
        DumpCondition condition,
        Optional<String> folderTime,
        List<String> pending) {

    /** The fields that reading the dump fills in. */
    public static final List<String> READ_FIELDS =
            List.of("format", "kernel_release", "debug_symbols_found", "vmlinux", "host");
    /** The fields that {@code crash --osrelease} fills in when the dump's bytes name no release. */
    public static final List<String> RELEASE_FIELDS = List.of("kernel_release", "debug_symbols_found", "vmlinux");

    public DumpFile {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(host, "host is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(folderTime, "folderTime is null");
        pending = List.copyOf(pending);
    }

    public boolean readable() {
        return unreadableReason.isEmpty();
    }

    /** Whether crash may be asked to open it: readable, a dump format, complete. */
    public boolean openable() {
        return readable() && format.isDump() && condition.complete();
    }

    public DumpIdentity identity() {
        return new DumpIdentity(path, size, modified);
    }

    /** The structured form published by the tools. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("path", path.toString());
        map.put("size_bytes", size);
        map.put("modified", modified.toString());
        map.put("readable", readable());
        map.put("unreadable_reason", unreadableReason.orElse(null));
        map.put("format", format.name().toLowerCase(Locale.ROOT));
        map.put("kernel_release", kernel.release().orElse(null));
        map.put("debug_symbols_found", vmlinux.isPresent());
        map.put("vmlinux", vmlinux.map(Path::toString).orElse(null));
        map.put("host", host.map(DumpHost::name).orElse(null));
        map.put("host_source", host.map(h -> h.source().wireName()).orElse(null));
        map.put("state", condition.state().wireName());
        map.put("state_reason", condition.reason().orElse(null));
        map.put("folder_time", folderTime.orElse(null));
        map.put("pending", pending);
        return map;
    }
}
