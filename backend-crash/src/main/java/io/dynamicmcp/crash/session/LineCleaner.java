package io.dynamicmcp.crash.session;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns one raw terminal line into text: UTF-8 decoded, escape sequences, carriage returns and other control
 * characters (except tab) removed, and the session's private program name shown as {@code crash} again.
 */
final class LineCleaner {

    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]|[\\x00-\\x08\\x0b-\\x1f\\x7f]");

    private final String programName;

    LineCleaner(String programName) {
        this.programName = programName;
    }

    String clean(byte[] bytes, int offset, int length) {
        while (length > 0 && bytes[offset + length - 1] == '\r') {
            length--; // the terminal's line ending: dropping it here spares the escape regex on every line
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            text = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (text.indexOf('\u001B') >= 0 || hasControl(text)) {
            text = ESCAPES.matcher(text).replaceAll("");
        }
        if (!programName.equals("crash") && text.contains(programName)) {
            text = text.replace(programName, "crash");
        }
        return text;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
