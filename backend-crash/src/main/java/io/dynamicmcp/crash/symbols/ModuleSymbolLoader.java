package io.dynamicmcp.crash.symbols;

import io.dynamicmcp.crash.symbols.ModuleDebugInfo.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the debug information of a dump's modules into a crash session ({@code mod -s NAME FILE}), so that frames
 * and {@code dis -l} name functions and source lines. A file is loaded only when it is this module of this kernel:
 * its build-id equals the one the dump keeps for the module, or (where the dump keeps none) its {@code vermagic}
 * names the dump's release and its {@code name} the module. Runs as the server, not through the command policy
 * (which refuses {@code mod -s} to clients), with paths it found itself.
 */
public final class ModuleSymbolLoader {

    /** Runs one crash command in the session being started and returns its output lines. */
    @FunctionalInterface
    public interface Crash {
        List<String> run(String command) throws InterruptedException;
    }

    private ModuleSymbolLoader() {
    }

    /**
     * Indexed copies of module files (gdb's {@code .gdb_index} added), found by the file's build-id and name: loaded
     * instead of the file, gdb then looks symbols up through the index rather than scanning every module's tables.
     */
    @FunctionalInterface
    public interface IndexedCopies {
        IndexedCopies NONE = (buildId, name) -> Optional.empty();

        Optional<Path> find(String buildId, String name);
    }

    /** Told before the files found for a module are checked and loaded: its name, which one it is, of how many. */
    @FunctionalInterface
    public interface Progress {
        void module(String name, int number, int count);
    }

    /**
     * What became of each module of the dump, by name. The dump's build-id of a module is read only when a file was
     * found to compare it with, so a dump whose modules have no files costs one instant command ({@code mod}).
     */
    public static List<ModuleDebugInfo> load(Crash crash, ModuleDebugFiles files, String release, Progress progress,
            IndexedCopies copies) throws InterruptedException {
        List<DumpModules.Module> modules = DumpModules.list(crash);
        Map<String, List<Path>> candidates = new HashMap<>();
        modules.forEach(m -> candidates.put(m.name(), files.candidates(m.name())));
        int count = (int) candidates.values().stream().filter(c -> !c.isEmpty()).count();
        List<ModuleDebugInfo> result = new ArrayList<>();
        ModuleBuildIds buildIds = new ModuleBuildIds(crash);
        int number = 0;
        for (DumpModules.Module module : modules) {
            List<Path> found = candidates.get(module.name());
            if (found.isEmpty()) {
                result.add(new ModuleDebugInfo(module.name(), Status.NOT_FOUND, Optional.empty(),
                        "no " + module.name() + ".ko (or .ko.debug) beside the dump, under the debug-symbol roots, in "
                                + "/usr/lib/debug/lib/modules/" + release + " or /lib/modules/" + release));
            } else {
                progress.module(module.name(), ++number, count);
                result.add(loadOne(crash, buildIds, copies, found, release, module));
            }
        }
        return List.copyOf(result);
    }

    private static ModuleDebugInfo loadOne(Crash crash, ModuleBuildIds buildIds, IndexedCopies copies,
            List<Path> candidates, String release, DumpModules.Module module) throws InterruptedException {
        Optional<String> dumpBuildId = Optional.empty();
        boolean asked = false;
        List<String> rejected = new ArrayList<>();
        for (Path candidate : candidates) {
            Optional<ModuleObject> object = ModuleObject.read(candidate);
            if (object.isEmpty()) {
                rejected.add(candidate + ": not a 64-bit ELF object");
                continue;
            }
            if (hasWhiteSpace(candidate)) {
                rejected.add(candidate + ": its path has white space, which crash cannot take as an argument");
                continue;
            }
            if (!asked && object.get().buildId().isPresent()) {
                dumpBuildId = buildIds.of(module);
                asked = true;
            }
            Verdict verdict = check(object.get(), module.name(), release, dumpBuildId);
            if (!verdict.accepted()) {
                rejected.add(candidate + ": " + verdict.detail());
                continue;
            }
            Path file = object.get().buildId().flatMap(id -> copies.find(id, candidate.getFileName().toString()))
                    .filter(copy -> !hasWhiteSpace(copy)).orElse(candidate);
            List<String> said = crash.run("mod -s " + module.name() + " " + file);
            if (said.stream().anyMatch(l -> l.contains(file.toString()) && !l.startsWith("mod:"))) {
                return new ModuleDebugInfo(module.name(), Status.LOADED, Optional.of(candidate), verdict.detail()
                        + (file.equals(candidate) ? "" : "; loaded from its indexed copy " + file));
            }
            return new ModuleDebugInfo(module.name(), Status.FAILED, Optional.of(candidate),
                    "crash could not load it: " + String.join(" ", said.stream().filter(l -> !l.isBlank()).limit(3).toList()));
        }
        return new ModuleDebugInfo(module.name(), Status.REJECTED, Optional.of(candidates.get(0)),
                String.join("; ", rejected));
    }

    /** crash splits its arguments at white space, so a path with any cannot be handed to it. */
    private static boolean hasWhiteSpace(Path path) {
        return path.toString().chars().anyMatch(Character::isWhitespace);
    }

    /** Whether an object file is this module of this kernel, and how that was told. */
    record Verdict(boolean accepted, String detail) {
    }

    static Verdict check(ModuleObject object, String module, String release, Optional<String> dumpBuildId) {
        Optional<String> name = object.name();
        if (name.isPresent() && !ModuleDebugFiles.key(name.get()).equals(ModuleDebugFiles.key(module))) {
            return new Verdict(false, "it is module " + name.get() + ", not " + module);
        }
        Optional<String> vermagic = object.vermagicRelease();
        if (vermagic.isPresent() && !vermagic.get().equals(release)) {
            return new Verdict(false, "built for kernel " + vermagic.get() + ", the dump is " + release);
        }
        Optional<String> buildId = object.buildId();
        if (dumpBuildId.isPresent() && buildId.isPresent()) {
            return buildId.get().equals(dumpBuildId.get())
                    ? new Verdict(true, "build-id " + buildId.get() + " matches the dump's")
                    : new Verdict(false, "build-id " + buildId.get() + ", the dump's module has " + dumpBuildId.get());
        }
        if (vermagic.isPresent()) {
            return new Verdict(true, "vermagic names " + release + (name.isPresent() ? " and name=" + name.get() : "")
                    + "; the dump keeps no build-id to compare");
        }
        String path = object.path().toString();
        if (path.contains("/lib/modules/" + release + "/")) {
            return new Verdict(true, "found in the module tree of " + release + "; neither the file's vermagic nor "
                    + "the dump's build-id could be read to compare");
        }
        return new Verdict(false, "cannot tell whether it is this kernel's " + module + ": the file has no vermagic, "
                + "and no build-id could be compared with the dump's");
    }
}
