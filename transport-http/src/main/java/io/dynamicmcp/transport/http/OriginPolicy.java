package io.dynamicmcp.transport.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} and {@code Origin} headers a request may carry: the defence against DNS rebinding, where a
 * web page on another site makes the browser talk to this server under the attacker's host name.
 */
final class OriginPolicy {

    private final Set<String> hostNames;
    private final Set<String> authorities;
    private final Set<String> origins;
    private final boolean anyOrigin;

    private OriginPolicy(Set<String> hostNames, Set<String> authorities, Set<String> origins, boolean anyOrigin) {
        this.hostNames = hostNames;
        this.authorities = authorities;
        this.origins = origins;
        this.anyOrigin = anyOrigin;
    }

    /**
     * Accepts the bind address, {@code localhost}, {@code 127.0.0.1} and {@code [::1]} with the server's port (every
     * local interface address and the host name too when bound to all interfaces), plus the configured extras.
     */
    static OriginPolicy of(HttpSettings settings, int port) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        InetAddress bind = settings.bindAddress();
        if (bind.isAnyLocalAddress()) {
            names.addAll(localAddresses());
        } else {
            names.add(literal(bind));
            names.add(settings.host().toLowerCase(Locale.ROOT));
        }
        Set<String> authorities = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        for (String name : names) {
            authorities.add(name + ":" + port);
            origins.add("http://" + name + ":" + port);
            origins.add("https://" + name + ":" + port);
        }
        Set<String> hostNames = new LinkedHashSet<>();
        for (String extra : settings.extraHosts()) {
            String host = extra.toLowerCase(Locale.ROOT);
            if (host.endsWith("]") || host.indexOf(':') < 0) {
                hostNames.add(host);
            } else {
                authorities.add(host);
            }
        }
        boolean anyOrigin = false;
        for (String extra : settings.extraOrigins()) {
            if ("*".equals(extra)) {
                anyOrigin = true;
            } else {
                origins.add(stripSlash(extra.toLowerCase(Locale.ROOT)));
            }
        }
        return new OriginPolicy(Set.copyOf(hostNames), Set.copyOf(authorities), Set.copyOf(origins), anyOrigin);
    }

    /** Whether the {@code Host} header names this server; a request without one is refused too. */
    boolean allowsHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String authority = host.trim().toLowerCase(Locale.ROOT);
        if (authorities.contains(authority)) {
            return true;
        }
        int colon = authority.lastIndexOf(':');
        String name = colon > authority.lastIndexOf(']') ? authority.substring(0, colon) : authority;
        return hostNames.contains(name);
    }

    /** Whether the {@code Origin} header, if any, is allowed; clients other than browsers send none. */
    boolean allowsOrigin(String origin) {
        return origin == null || anyOrigin || origins.contains(stripSlash(origin.trim().toLowerCase(Locale.ROOT)));
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    private static Set<String> localAddresses() {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    names.add(literal(address));
                }
            }
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName().toLowerCase(Locale.ROOT));
            names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (SocketException | java.net.UnknownHostException e) {
            org.slf4j.LoggerFactory.getLogger(OriginPolicy.class)
                    .warn("cannot list local addresses ({}); set HTTP_ALLOWED_HOSTS to the names clients use", e.toString());
        }
        return names;
    }
}
