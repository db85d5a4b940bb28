package io.dynamicmcp.transport.stdio;

import java.util.Map;

/**
 * The client an {@code initialize} request names, in one short line for the log: {@code name version (protocol
 * P)}. Read from the request's parameters as they arrived; the SDK's own line prints its records, whose first
 * {@code toString} cost ~25 ms of the answer to a new server's first request.
 */
final class ClientDescription {

    private ClientDescription() {
    }

    static String of(Object params) {
        if (!(params instanceof Map<?, ?> map)) {
            return "(no parameters)";
        }
        String name = "(unnamed)";
        String version = "";
        if (map.get("clientInfo") instanceof Map<?, ?> info) {
            name = text(info.get("name"), name);
            version = text(info.get("version"), "");
        }
        String protocol = text(map.get("protocolVersion"), "?");
        return version.isEmpty() ? name + " (protocol " + protocol + ")" : name + " " + version + " (protocol "
                + protocol + ")";
    }

    private static String text(Object value, String absent) {
        if (!(value instanceof String text) || text.isBlank()) {
            return absent;
        }
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        StringBuilder printable = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            printable.append(Character.isISOControl(c) ? '?' : c); // one log line, whatever the client sent
        }
        return printable.toString();
    }
}
