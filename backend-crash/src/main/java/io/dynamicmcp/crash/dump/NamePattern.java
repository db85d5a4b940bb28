package io.dynamicmcp.crash.dump;

import java.util.regex.Pattern;

/** A name, or a pattern with {@code *} (any run of characters) and {@code ?} (one character), as filters take them. */
final class NamePattern {

    private final String text;
    private final Pattern pattern;

    private NamePattern(String text, boolean ignoreCase) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        this.pattern = Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    static NamePattern exact(String text) {
        return new NamePattern(text, false);
    }

    static NamePattern ignoringCase(String text) {
        return new NamePattern(text, true);
    }

    boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
