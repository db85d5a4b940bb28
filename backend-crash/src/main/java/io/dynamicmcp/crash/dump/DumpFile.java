package io.dynamicmcp.crash.dump;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One dump found under the dump root.
 *
 * @param name its path relative to the dump root, usable as {@code dump_name}
 * @param unreadableReason why it cannot be read, when it cannot
 */
public record DumpFile(
        String name,
        Path path,
        long size,
        Instant modified,
        Optional<String> unreadableReason,
        DumpFormat format,
        KernelIdentity kernel,
        Optional<Path> vmlinux) {

    public boolean readable() {
        return unreadableReason.isEmpty();
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
        map.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        map.put("kernel_release", kernel.release().orElse(null));
        map.put("debug_symbols_found", vmlinux.isPresent());
        map.put("vmlinux", vmlinux.map(Path::toString).orElse(null));
        return map;
    }
}
