package io.dynamicmcp.distribution;

/** The user asked for a transport this distribution does not have. */
final class UnknownTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownTransportException(String name, java.util.Set<String> known) {
        super("unknown transport '" + name + "': use one of " + String.join(", ", new java.util.TreeSet<>(known)));
    }
}
