package io.dynamicmcp.crash.session;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a session was started on, and what crash reported when it loaded. */
public record SessionInfo(
        String id,
        String dumpName,
        Path dump,
        Path vmlinux,
        String release,
        String crashVersion,
        Optional<String> panic,
        Instant started,
        Duration loadTime) {
}
