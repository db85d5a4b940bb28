package io.dynamicmcp.crash.command;

import io.dynamicmcp.spi.ToolException;

/** Decides whether a client's command line may reach crash. */
@FunctionalInterface
public interface CommandGate {

    /**
     * @return the exact text to send to crash
     * @throws ToolException saying why the command is refused and what to use instead
     */
    String admit(String commandLine);
}
