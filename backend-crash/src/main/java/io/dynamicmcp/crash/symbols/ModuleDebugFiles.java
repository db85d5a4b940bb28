package io.dynamicmcp.crash.symbols;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a module's object file with symbols may be, for one dump: beside the dump; in each debug-symbol root as a
 * flat folder, as a module tree ({@code lib/modules/<rel>/...}) and as a sysroot
 * ({@code usr/lib/debug/lib/modules/<rel>/...}); in {@code /usr/lib/debug/lib/modules/<rel>/}; in
 * {@code /lib/modules/<rel>/}. Files are {@code NAME.ko} or {@code NAME.ko.debug}, with {@code -} and {@code _}
 * alike in the name, as the kernel treats them. Each tree is walked once.
 */
public final class ModuleDebugFiles {

    /** How deep a module tree is walked ({@code kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko} is 6). */
    static final int MAX_DEPTH = 10;
    private static final Path SYSROOT_DEBUG = Path.of("usr/lib/debug");

    private final List<Path> flat;
    private final List<Path> trees;
    private final Map<Path, Map<String, Path>> indexed = new HashMap<>();

    private ModuleDebugFiles(List<Path> flat, List<Path> trees) {
        this.flat = List.copyOf(flat);
        this.trees = List.copyOf(trees);
    }

    /**
     * @param debugRoots the debug-symbol roots ({@code DEBUG_SYMBOL_PATH}, then {@code /usr/lib/debug} by default)
     * @param systemRoot {@code /} in production; tests pass a folder standing for it
     */
    public static ModuleDebugFiles forDump(Path dump, String release, List<Path> debugRoots, Path systemRoot) {
        requireNonNull(release, "release is null");
        Set<Path> flat = new LinkedHashSet<>();
        Set<Path> trees = new LinkedHashSet<>();
        Path folder = dump.toAbsolutePath().getParent();
        if (folder != null) {
            flat.add(folder);
        }
        Path modules = Path.of("lib/modules", release);
        for (Path root : debugRoots) {
            flat.add(root);
            trees.add(root.resolve(modules));
            if (!root.endsWith(SYSROOT_DEBUG)) {
                trees.add(root.resolve(SYSROOT_DEBUG).resolve(modules));
            }
        }
        trees.add(systemRoot.resolve(SYSROOT_DEBUG).resolve(modules));
        trees.add(systemRoot.resolve(modules));
        return new ModuleDebugFiles(new ArrayList<>(flat), new ArrayList<>(trees));
    }

    /** Every place searched, for messages. */
    public List<Path> places() {
        List<Path> places = new ArrayList<>(flat);
        places.addAll(trees);
        return places;
    }

    /** The candidate files for {@code module}, in the order of preference. */
    public List<Path> candidates(String module) {
        String key = key(module);
        Set<Path> found = new LinkedHashSet<>();
        for (Path folder : flat) {
            for (String stem : List.of(module, module.replace('_', '-'))) {
                for (String suffix : List.of(".ko", ".ko.debug")) {
                    Path file = folder.resolve(stem + suffix);
                    if (Files.isRegularFile(file)) {
                        found.add(file);
                    }
                }
            }
        }
        for (Path tree : trees) {
            Path file = index(tree).get(key);
            if (file != null) {
                found.add(file);
            }
        }
        return List.copyOf(found);
    }

    /** A module name as the kernel compares them: {@code -} and {@code _} alike. */
    static String key(String name) {
        return name.replace('-', '_');
    }

    /** The name a file gives its module: {@code snd-hda-intel.ko.debug} → {@code snd_hda_intel}; null if not a module. */
    static String moduleOf(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : List.of(".ko.debug", ".ko")) {
            if (name.endsWith(suffix)) {
                return key(name.substring(0, name.length() - suffix.length()));
            }
        }
        return null;
    }

    private Map<String, Path> index(Path tree) {
        return indexed.computeIfAbsent(tree, ModuleDebugFiles::walk);
    }

    private static Map<String, Path> walk(Path tree) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(tree)) {
            return files;
        }
        try {
            Files.walkFileTree(tree, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String module = moduleOf(file);
                    if (module != null && attributes.isRegularFile()) {
                        files.putIfAbsent(module, file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return files;
        }
        return files;
    }
}
