package io.dynamicmcp.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Puts pty4j's native library in one stable folder per library version, so that starting a JVM does not
 * leave a new {@code /tmp/pty4j-*} folder behind each time. Honours {@code pty4j.preferred.native.folder}
 * when already set (the distribution ships the library unpacked).
 */
final class PtyNativeLibrary {

    static final String PREFERRED_FOLDER = "pty4j.preferred.native.folder";

    private PtyNativeLibrary() {
    }

    static synchronized void install() {
        if (System.getProperty(PREFERRED_FOLDER) != null) {
            return;
        }
        String arch = architecture();
        String resource = "resources/com/pty4j/native/linux/" + arch + "/libpty.so";
        try (InputStream in = PtyNativeLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return; // unsupported platform: let pty4j report it
            }
            byte[] library = in.readAllBytes();
            Path folder = cacheRoot().resolve("pty4j-" + digest(library));
            Path target = folder.resolve("linux").resolve(arch).resolve("libpty.so");
            if (!Files.isRegularFile(target) || Files.size(target) != library.length) {
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), "libpty", ".tmp");
                Files.write(temp, library);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.setProperty(PREFERRED_FOLDER, folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install pty4j's native library", e);
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "dynamic-mcp");
        }
        String home = System.getProperty("user.home");
        if (home != null && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "dynamic-mcp");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "dynamic-mcp-" + System.getProperty("user.name"));
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86-64";
            case "i386", "i686", "x86" -> "x86";
            default -> arch;
        };
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
