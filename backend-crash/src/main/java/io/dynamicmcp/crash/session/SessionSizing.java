package io.dynamicmcp.crash.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many crash sessions fit in this machine's memory when {@code CRASH_MAX_SESSIONS} is not set: the memory
 * available when the server starts ({@code MemAvailable} in {@code /proc/meminfo}, {@code MemTotal} where the kernel
 * has no such line, or the control group's {@code memory.max} when that is lower), less what the server keeps for
 * itself, divided by what one crash process costs, between 1 and {@link #MAX_DEFAULT}.
 *
 * @param sessions how many sessions may be open at once
 * @param basis how that number was reached, for logs and {@code get_crash_info}
 */
public record SessionSizing(int sessions, String basis) {

    /** What the server keeps for itself (its JVM, the MCP transports, buffers). */
    public static final long SERVER_RESERVE = 512L << 20;
    /** The most sessions the memory rule gives; more must be asked for with CRASH_MAX_SESSIONS. */
    public static final int MAX_DEFAULT = 64;

    /** cgroup v1 says "no limit" with a number near 2^63; anything from 2^62 up counts as none. */
    private static final long NO_LIMIT = 1L << 62;
    private static final Pattern MEMINFO_LINE = Pattern.compile("(?m)^(\\w+):\\s+(\\d+) kB$");

    /** The configured number, as it is. */
    public static SessionSizing configured(int sessions) {
        return new SessionSizing(sessions, "CRASH_MAX_SESSIONS=" + sessions);
    }

    /** From this machine's {@code /proc/meminfo} and the server's control group. */
    public static SessionSizing fromMachine(long sessionBytes) {
        return of(read(Path.of("/proc/meminfo")).orElse(""), cgroupLimit(), sessionBytes);
    }

    /**
     * @param meminfo the text of {@code /proc/meminfo}
     * @param cgroupLimit the control group's memory limit in bytes, if it has one
     * @param sessionBytes what one crash session costs
     */
    static SessionSizing of(String meminfo, OptionalLong cgroupLimit, long sessionBytes) {
        OptionalLong available = field(meminfo, "MemAvailable");
        String source = "MemAvailable";
        if (available.isEmpty()) {
            available = field(meminfo, "MemTotal");
            source = "MemTotal";
        }
        if (available.isEmpty()) {
            return new SessionSizing(1, "memory unknown (no /proc/meminfo): 1 session; set CRASH_MAX_SESSIONS");
        }
        long budget = available.getAsLong();
        if (cgroupLimit.isPresent() && cgroupLimit.getAsLong() < budget) {
            budget = cgroupLimit.getAsLong();
            source = "the control group's memory.max";
        }
        long fit = (budget - SERVER_RESERVE) / sessionBytes;
        int sessions = (int) Math.max(1, Math.min(MAX_DEFAULT, fit));
        return new SessionSizing(sessions, String.format(Locale.ROOT,
                "%s %s less %d MiB for the server, %d MiB per session (CRASH_SESSION_MEMORY)%s",
                source, mebibytes(budget), SERVER_RESERVE >> 20, sessionBytes >> 20,
                fit > MAX_DEFAULT ? ", at most " + MAX_DEFAULT + " unless CRASH_MAX_SESSIONS says more"
                        : fit < 1 ? ", at least 1" : ""));
    }

    private static OptionalLong field(String meminfo, String name) {
        Matcher m = MEMINFO_LINE.matcher(meminfo);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return OptionalLong.of(Long.parseLong(m.group(2)) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The lowest memory limit of the control group this process runs in and of its parents, if any: {@code memory.max}
     * under cgroup v2, {@code memory.limit_in_bytes} under v1 (where "no limit" is a number near 2^63).
     */
    private static OptionalLong cgroupLimit() {
        List<String> lines = read(Path.of("/proc/self/cgroup")).map(text -> text.lines().toList()).orElse(List.of());
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && parts[1].equals("memory")) {
                return lowest(Path.of("/sys/fs/cgroup/memory"), parts[2], "memory.limit_in_bytes");
            }
        }
        for (String line : lines) {
            if (line.startsWith("0::")) {
                return lowest(Path.of("/sys/fs/cgroup"), line.substring(3), "memory.max");
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong lowest(Path mount, String group, String file) {
        OptionalLong lowest = OptionalLong.empty();
        for (Path at = mount.resolve(group.replaceFirst("^/", "")); at != null && at.startsWith(mount);
                at = at.getParent()) {
            Optional<String> limit = read(at.resolve(file)).map(String::strip);
            if (limit.isPresent() && limit.get().matches("\\d{1,18}")) {
                long bytes = Long.parseLong(limit.get());
                if (bytes < NO_LIMIT && (lowest.isEmpty() || bytes < lowest.getAsLong())) {
                    lowest = OptionalLong.of(bytes);
                }
            }
        }
        return lowest;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
