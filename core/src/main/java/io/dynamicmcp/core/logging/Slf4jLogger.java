package io.dynamicmcp.core.logging;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.slf4j.LoggerFactory;

/** A {@link System.Logger} that writes to an SLF4J logger of the same name. */
final class Slf4jLogger implements Logger {

    private final org.slf4j.Logger target;

    Slf4jLogger(String name) {
        this.target = LoggerFactory.getLogger(name);
    }

    @Override
    public String getName() {
        return target.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> target.isTraceEnabled();
            case DEBUG -> target.isDebugEnabled();
            case INFO -> target.isInfoEnabled();
            case WARNING -> target.isWarnEnabled();
            case ERROR -> target.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            write(level, localized(bundle, message), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String pattern = localized(bundle, format);
            write(level, params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params), null);
        }
    }

    private void write(Level level, String message, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> target.trace(message, thrown);
            case DEBUG -> target.debug(message, thrown);
            case INFO -> target.info(message, thrown);
            case WARNING -> target.warn(message, thrown);
            case ERROR -> target.error(message, thrown);
            case OFF -> { }
        }
    }

    private static String localized(ResourceBundle bundle, String key) {
        return bundle != null && key != null && bundle.containsKey(key) ? bundle.getString(key) : key;
    }
}
