package io.dynamicmcp.crash.dump;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dump's place in the tree says, without reading it: the host it came from and when kdump wrote it, as kdump's
 * targets name their folders.
 * <ul>
 *   <li>kdump (RHEL, Fedora; local, ssh and NFS targets): {@code <ip or host>-<YYYY-MM-DD-HH:MM:SS>/vmcore}, or
 *       {@code vmcore.flat} from the ssh target, named {@code vmcore-incomplete} until the copy is complete;</li>
 *   <li>kdump-tools (Debian, Ubuntu): {@code <YYYYMMDDHHMM>/dump.<stamp>} locally,
 *       {@code <hostname or ip>-<YYYYMMDDHHMM>/dump.<stamp>} on a remote target;</li>
 *   <li>a folder per host above those ({@code web-07/127.0.0.1-.../vmcore}, a machine's own tree copied or mounted
 *       under the central folder): the top folder names the host when the dump's own folder names none, or only the
 *       loopback address.</li>
 * </ul>
 *
 * @param host the host the folders name, if any
 * @param folderTime the date in the dump's folder name, as written there (the crashed machine's local time; kdump
 *     records no time zone), if any
 */
public record DumpLayout(Optional<String> host, Optional<String> folderTime) {

    static final DumpLayout NONE = new DumpLayout(Optional.empty(), Optional.empty());

    private static final Pattern HOST_AND_DATE = Pattern.compile(
            "(?<host>.+)-(?<date>\\d{4}-\\d{2}-\\d{2}-\\d{2}:\\d{2}:\\d{2}|\\d{12})");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{12}|\\d{4}-\\d{2}-\\d{2}-\\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}|::1|localhost(\\.localdomain)?");

    /** The layout of the dump whose path relative to the dump root is {@code name}. */
    public static DumpLayout of(String name) {
        Path relative = Path.of(name);
        int folders = relative.getNameCount() - 1;
        if (folders < 1) {
            return NONE;
        }
        String own = relative.getName(folders - 1).toString();
        Optional<String> host = Optional.empty();
        Optional<String> time = Optional.empty();
        Matcher m = HOST_AND_DATE.matcher(own);
        if (m.matches()) {
            host = Optional.of(m.group("host"));
            time = Optional.of(m.group("date"));
        } else if (DATE_ONLY.matcher(own).matches()) {
            time = Optional.of(own);
        }
        if (folders > 1 && (host.isEmpty() || isLoopback(host.get()))) {
            String top = relative.getName(0).toString();
            if (!DATE_ONLY.matcher(top).matches() && !HOST_AND_DATE.matcher(top).matches()) {
                host = Optional.of(top);
            }
        }
        return new DumpLayout(host, time);
    }

    /** Whether {@code host} is this machine's own name for itself (a local kdump tree). */
    public static boolean isLoopback(String host) {
        return LOOPBACK.matcher(host.toLowerCase(Locale.ROOT)).matches();
    }
}
