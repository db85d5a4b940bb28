package io.dynamicmcp.distribution;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: our version, the Java runtime and the MCP SDK. */
final class VersionProvider implements IVersionProvider {

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dynamic-mcp " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
