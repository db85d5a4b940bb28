package io.dynamicmcp.core.host;

/**
 * How opening one provider went.
 *
 * @param message why it is unavailable, or null when it opened
 */
public record ProviderStatus(String id, String version, String origin, boolean available, String message) {
}
