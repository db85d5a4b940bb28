package io.dynamicmcp.transport.http;

import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP transport's settings, read and validated once at start-up.
 *
 * @param tokens absent only when the server binds a loopback address and no token was configured
 * @param extraHosts {@code HTTP_ALLOWED_HOSTS}: more {@code Host} values to accept ({@code name} or {@code name:port})
 * @param extraOrigins {@code HTTP_ALLOWED_ORIGINS}: more {@code Origin} values to accept, or {@code *}
 * @param keepAlive how often open sessions are pinged; a client that went away is noticed at the next ping
 */
record HttpSettings(InetAddress bindAddress, String host, int port, Optional<BearerTokens> tokens, List<String> extraHosts,
        List<String> extraOrigins, int maxBodyBytes, int maxSessions, Duration sessionIdleTimeout,
        Duration drainTimeout, Duration keepAlive) {

    static final int DEFAULT_PORT = 8080;

    static HttpSettings from(Settings settings) {
        String host = settings.string("HTTP_HOST", "127.0.0.1");
        InetAddress address = resolve(host);
        int port = (int) settings.number("HTTP_PORT", DEFAULT_PORT, 0, 65535);
        Optional<BearerTokens> tokens = tokens(settings);
        if (tokens.isEmpty() && !address.isLoopbackAddress()) {
            throw new StartupException("HTTP_HOST=" + host + " is not a loopback address, so clients must authenticate:"
                    + " set HTTP_AUTH_TOKEN or HTTP_AUTH_TOKEN_FILE (at least " + BearerTokens.MIN_LENGTH
                    + " characters), or bind 127.0.0.1");
        }
        return new HttpSettings(address, host, port, tokens,
                settings.words("HTTP_ALLOWED_HOSTS", List.of()),
                settings.words("HTTP_ALLOWED_ORIGINS", List.of()),
                (int) settings.number("HTTP_MAX_BODY_BYTES", 4L * 1024 * 1024, 1024, 256L * 1024 * 1024),
                (int) settings.number("HTTP_MAX_SESSIONS", 64, 1, 100_000),
                settings.seconds("HTTP_SESSION_IDLE_TIMEOUT", Duration.ofMinutes(30), 1),
                settings.seconds("HTTP_DRAIN_TIMEOUT", Duration.ofSeconds(30), 0),
                settings.seconds("HTTP_KEEP_ALIVE_INTERVAL", Duration.ofSeconds(30), 1));
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidSettingException("HTTP_HOST", host, "an IP address or a resolvable host name");
        }
    }

    /** HTTP_AUTH_TOKEN (one token), or HTTP_AUTH_TOKEN_FILE (one a line; blank lines and # comments skipped). */
    private static Optional<BearerTokens> tokens(Settings settings) {
        Optional<String> inline = settings.get("HTTP_AUTH_TOKEN");
        Optional<Path> file = settings.get("HTTP_AUTH_TOKEN_FILE").map(Path::of);
        if (inline.isPresent() && file.isPresent()) {
            throw new StartupException("both HTTP_AUTH_TOKEN and HTTP_AUTH_TOKEN_FILE are set: keep one of them");
        }
        List<String> secrets = inline.map(List::of).orElse(List.of());
        String origin = "HTTP_AUTH_TOKEN";
        if (file.isPresent()) {
            origin = "the file " + file.get() + " (HTTP_AUTH_TOKEN_FILE)";
            try {
                secrets = Files.readAllLines(file.get(), StandardCharsets.UTF_8).stream().map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            } catch (IOException e) {
                throw new StartupException("cannot read HTTP_AUTH_TOKEN_FILE " + file.get() + ": " + e.getMessage());
            }
            if (secrets.isEmpty()) {
                throw new StartupException(origin + " holds no token: put one a line, e.g. from 'openssl rand -hex 32'");
            }
        }
        for (int line = 0; line < secrets.size(); line++) {
            if (secrets.get(line).length() < BearerTokens.MIN_LENGTH) {
                throw new StartupException("token " + (line + 1) + " in " + origin + " is too short: use at least "
                        + BearerTokens.MIN_LENGTH + " characters, e.g. from 'openssl rand -hex 32'");
            }
        }
        if (secrets.size() != secrets.stream().distinct().count()) {
            throw new StartupException(origin + " lists a token twice: give each client its own");
        }
        return secrets.isEmpty() ? Optional.empty() : Optional.of(new BearerTokens(secrets));
    }
}
