package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the vmlinux (with debug symbols) for a kernel release: under each debug-symbol root in the RHEL
 * ({@code lib/modules/<rel>/vmlinux}) and Debian ({@code boot/vmlinux-<rel>}) layouts, both directly and beneath
 * {@code usr/lib/debug} (a root may be a sysroot, such as a folder where a {@code -dbg} package was unpacked), in the
 * kernel folder, and next to the dump. A candidate whose build-id differs from the dump's is rejected; where several remain,
 * the one whose banner names the release wins. An answer is remembered for as long as the candidate files are the same
 * (path, size and modification time), so a page of dumps of one kernel reads its vmlinux once, and installing debug
 * symbols later is noticed at once. Thread-safe.
 */
public final class KernelMatcher {

    private static final Path SYSROOT_DEBUG = Path.of("usr/lib/debug");

    private static final int REMEMBERED = 1024;

    private final List<Path> debugRoots;
    private final Path kernelPath;
    private final boolean remember;
    private final Map<Question, KernelMatch> answers = new LinkedHashMap<>(16, 0.75f, true);

    /** What was asked: the kernel and the candidate files as they are now. */
    private record Question(KernelIdentity kernel, List<Path> searched, List<DumpIdentity> present) {
    }

    public KernelMatcher(List<Path> debugRoots, Path kernelPath) {
        this(debugRoots, kernelPath, true);
    }

    /** @param remember whether answers are remembered while the candidate files stay the same */
    public KernelMatcher(List<Path> debugRoots, Path kernelPath, boolean remember) {
        this.debugRoots = List.copyOf(requireNonNull(debugRoots, "debugRoots is null"));
        this.kernelPath = requireNonNull(kernelPath, "kernelPath is null");
        this.remember = remember;
    }

    public KernelMatch find(KernelIdentity identity, Path dump) {
        if (identity.release().isEmpty()) {
            return new KernelMatch(Optional.empty(), List.of(), List.of());
        }
        String release = identity.release().get();
        List<Path> searched = candidates(release, dump);
        List<DumpIdentity> present = new ArrayList<>();
        for (Path candidate : searched) {
            if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                DumpIdentity.read(candidate).ifPresent(present::add);
            }
        }
        Question question = new Question(identity, searched, present);
        if (remember) {
            synchronized (answers) {
                KernelMatch known = answers.get(question);
                if (known != null) {
                    return known;
                }
            }
        }
        KernelMatch answer = match(identity, searched, present);
        if (remember) {
            synchronized (answers) {
                answers.put(question, answer);
                if (answers.size() > REMEMBERED) {
                    answers.remove(answers.keySet().iterator().next());
                }
            }
        }
        return answer;
    }

    private KernelMatch match(KernelIdentity identity, List<Path> searched, List<DumpIdentity> present) {
        String release = identity.release().orElseThrow();
        List<Path> existing = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (DumpIdentity file : present) {
            Path candidate = file.path();
            Optional<String> buildId = ElfBuildId.read(candidate);
            if (identity.buildId().isPresent() && buildId.isPresent()) {
                if (buildId.get().equals(identity.buildId().get())) {
                    return new KernelMatch(Optional.of(candidate), searched, rejected);
                }
                rejected.add(candidate + " has build-id " + buildId.get() + ", the dump " + identity.buildId().get());
                continue;
            }
            existing.add(candidate);
        }
        if (existing.size() == 1) {
            return new KernelMatch(Optional.of(existing.get(0)), searched, rejected);
        }
        for (Path candidate : existing) {
            if (bannerNames(candidate, release)) {
                return new KernelMatch(Optional.of(candidate), searched, rejected);
            }
            rejected.add(candidate + " does not contain 'Linux version " + release + "'");
        }
        return new KernelMatch(Optional.empty(), searched, rejected);
    }

    /** Every place a vmlinux for {@code release} may be, in order of preference. */
    public List<Path> candidates(String release, Path dump) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Path root : debugRoots) {
            paths.add(root.resolve("lib/modules").resolve(release).resolve("vmlinux"));
            paths.add(root.resolve("boot").resolve("vmlinux-" + release));
            paths.add(root.resolve("vmlinux-" + release));
            if (!root.endsWith(SYSROOT_DEBUG)) {
                Path debug = root.resolve(SYSROOT_DEBUG);
                paths.add(debug.resolve("lib/modules").resolve(release).resolve("vmlinux"));
                paths.add(debug.resolve("boot").resolve("vmlinux-" + release));
            }
        }
        paths.add(kernelPath.resolve("vmlinux-" + release));
        Path folder = dump.toAbsolutePath().getParent();
        if (folder != null) {
            paths.add(folder.resolve("vmlinux-" + release));
            paths.add(folder.resolve("vmlinux"));
        }
        return List.copyOf(paths);
    }

    private static boolean bannerNames(Path vmlinux, String release) {
        byte[] needle = ("Linux version " + release + " ").getBytes(StandardCharsets.ISO_8859_1);
        byte[] buffer = new byte[1 << 20];
        int kept = 0;
        try (InputStream in = Files.newInputStream(vmlinux)) {
            int n;
            while ((n = in.read(buffer, kept, buffer.length - kept)) > 0) {
                int end = kept + n;
                if (indexOf(buffer, end, needle) >= 0) {
                    return true;
                }
                kept = Math.min(needle.length - 1, end);
                System.arraycopy(buffer, end - kept, buffer, 0, kept);
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
