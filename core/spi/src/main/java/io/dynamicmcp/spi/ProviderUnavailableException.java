package io.dynamicmcp.spi;

/**
 * A provider cannot work on this host (a required binary or kernel feature is missing). The host logs the
 * message, reports the provider as unavailable and goes on serving the others.
 */
public class ProviderUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
