package io.dynamicmcp.spi;

/**
 * Entry point of a backend or plugin, found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations <em>must</em> have a public no-argument constructor that does no I/O, starts no thread
 * or process and cannot fail. All expensive or fallible work (finding a binary, checking privileges,
 * reading configuration) belongs in {@link #open}.
 */
public interface ToolProvider {

    /**
     * A short, stable, unique identifier such as {@code crash} or {@code kernel-info}. The host refuses to
     * start when two providers share an id.
     */
    String id();

    /** A version string shown in logs; defaults to the implementation version of the provider's jar. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /**
     * Opens the provider into its live tool set.
     *
     * <p>Implementations <em>should</em> read and validate their settings here and <em>must</em> throw
     * {@link InvalidSettingException} for a malformed value (the host then refuses to start, naming the key).
     * Where the provider cannot work on this host at all, they <em>must</em> throw
     * {@link ProviderUnavailableException}; the host logs it and serves the other providers. A provider whose
     * tools can still explain what is missing (for example an info tool reporting "crash is not installed")
     * <em>should</em> open anyway and let those tools report it.
     *
     * @param context what the host offers the provider; never null
     * @return the live tool set, owned and eventually closed by the host
     */
    ToolSet open(ProviderContext context) throws ProviderUnavailableException;
}
