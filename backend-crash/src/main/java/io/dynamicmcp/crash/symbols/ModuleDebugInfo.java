package io.dynamicmcp.crash.symbols;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a module of the dump has symbols in the session, and from where.
 *
 * @param file the object file loaded or rejected
 * @param detail how it was checked, or why there are none
 */
public record ModuleDebugInfo(String module, Status status, Optional<Path> file, String detail) {

    /** What became of a module's debug information. */
    public enum Status {
        /** crash loaded it ({@code mod -s}). */
        LOADED,
        /** No object file for it in any place searched. */
        NOT_FOUND,
        /** Files were found but none is this module of this kernel. */
        REJECTED,
        /** A file was accepted but crash could not load it. */
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModuleDebugInfo {
        requireNonNull(module, "module is null");
        requireNonNull(status, "status is null");
        requireNonNull(file, "file is null");
        requireNonNull(detail, "detail is null");
    }

    public boolean loaded() {
        return status == Status.LOADED;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("module", module);
        map.put("status", status.wireName());
        map.put("file", file.map(Path::toString).orElse(null));
        map.put("detail", detail);
        return map;
    }
}
