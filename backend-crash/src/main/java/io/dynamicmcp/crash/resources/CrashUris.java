package io.dynamicmcp.crash.resources;

import io.dynamicmcp.spi.ToolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The URIs of the crash resources. A dump is {@code crash-dump:///NAME} (its metadata) and
 * {@code crash-dump:///NAME/dmesg} (its kernel log), NAME being its {@code dump_name} (a path relative to the dump
 * folder, slashes kept, other characters outside RFC 3986 path characters percent-encoded); a session's transcript
 * is {@code crash-session://ID/transcript}.
 */
final class CrashUris {

    static final String DUMP_TEMPLATE = "crash-dump:///{+name}";
    static final String DMESG_TEMPLATE = "crash-dump:///{+name}/dmesg";
    static final String TRANSCRIPT_TEMPLATE = "crash-session://{id}/transcript";

    private static final String DUMP = "crash-dump:///";
    private static final String DMESG = "/dmesg";
    private static final String SESSION = "crash-session://";
    private static final String TRANSCRIPT = "/transcript";
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";

    private CrashUris() {
    }

    static String dump(String name) {
        return DUMP + encode(name);
    }

    static String dmesg(String name) {
        return dump(name) + DMESG;
    }

    static String transcript(String sessionId) {
        return SESSION + sessionId + TRANSCRIPT;
    }

    /** The dump name in a {@code crash-dump:///NAME} URI. */
    static String dumpName(String uri) {
        return decode(between(uri, DUMP, "", DUMP_TEMPLATE), uri);
    }

    /** The dump name in a {@code crash-dump:///NAME/dmesg} URI. */
    static String dmesgDumpName(String uri) {
        return decode(between(uri, DUMP, DMESG, DMESG_TEMPLATE), uri);
    }

    /** The session id in a {@code crash-session://ID/transcript} URI. */
    static String sessionId(String uri) {
        String id = between(uri, SESSION, TRANSCRIPT, TRANSCRIPT_TEMPLATE);
        if (id.contains("/")) {
            throw malformed(uri, TRANSCRIPT_TEMPLATE);
        }
        return id;
    }

    private static String between(String uri, String prefix, String suffix, String template) {
        if (uri == null || !uri.startsWith(prefix) || !uri.endsWith(suffix)
                || uri.length() <= prefix.length() + suffix.length()) {
            throw malformed(uri, template);
        }
        return uri.substring(prefix.length(), uri.length() - suffix.length());
    }

    private static String encode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || PATH_CHARACTERS.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String decode(String encoded, String uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int value = i + 2 < encoded.length() ? hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw new ToolException("'" + uri + "' has a '%' not followed by two hexadecimal digits");
                }
                bytes.write(value);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw new ToolException("'" + uri + "' has a character that must be percent-encoded: '" + c + "'");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ToolException("'" + uri + "' percent-encodes bytes that are not UTF-8");
        }
    }

    private static int hex(char c) {
        int value = Character.digit(c, 16);
        return value < 0 ? -256 : value;
    }

    private static ToolException malformed(String uri, String template) {
        return new ToolException("'" + uri + "' is not a URI of the form " + template
                + "; resources/list shows the URIs there are");
    }
}
