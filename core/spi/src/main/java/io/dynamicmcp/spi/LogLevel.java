package io.dynamicmcp.spi;

/** Severity of a log message sent to the client, as in MCP's {@code notifications/message}. */
public enum LogLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR
}
