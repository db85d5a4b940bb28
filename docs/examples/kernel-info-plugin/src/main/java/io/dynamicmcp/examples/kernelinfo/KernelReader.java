package io.dynamicmcp.examples.kernelinfo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the running kernel's facts from {@code /proc} and {@code /sys}. Stateless and thread-safe. */
final class KernelReader {

    private final HostFiles files;

    KernelReader(HostFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    /**
     * @param modules whether to read {@code /proc/modules}
     * @param moduleFilter keep only modules whose name contains this, or null for all
     */
    KernelReport read(boolean modules, String moduleFilter) {
        List<String> unreadable = new ArrayList<>();
        String release = files.firstLine(files.proc("sys/kernel/osrelease"), unreadable).orElse(null);
        String version = files.firstLine(files.proc("version"), unreadable).orElse(null);
        String commandLine = files.firstLine(files.proc("cmdline"), unreadable).orElse(null);
        Double uptime = files.firstLine(files.proc("uptime"), unreadable)
                .flatMap(line -> number(files.proc("uptime"), line.split("\\s+")[0], unreadable)).orElse(null);
        Long taint = files.firstLine(files.proc("sys/kernel/tainted"), unreadable)
                .flatMap(line -> taintValue(files.proc("sys/kernel/tainted"), line, unreadable)).orElse(null);
        KernelReport.Modules moduleReport = modules ? modules(moduleFilter, unreadable) : null;
        return new KernelReport(release, version, commandLine, uptime, taint, btf(), moduleReport, unreadable);
    }

    private KernelReport.Btf btf() {
        Path vmlinux = files.sys("kernel/btf/vmlinux");
        if (!Files.isRegularFile(vmlinux)) {
            return new KernelReport.Btf(false, vmlinux.toString(), null);
        }
        Long size;
        try {
            size = Files.size(vmlinux);
        } catch (IOException e) {
            size = null;
        }
        return new KernelReport.Btf(true, vmlinux.toString(), size);
    }

    private KernelReport.Modules modules(String filter, List<String> unreadable) {
        Path path = files.proc("modules");
        if (!Files.exists(path)) {
            return new KernelReport.Modules(false, 0, filter, List.of(), path
                    + " does not exist: this kernel was probably built without loadable module support (CONFIG_MODULES=n)");
        }
        Optional<String> text = files.read(path, unreadable);
        if (text.isEmpty()) {
            return new KernelReport.Modules(false, 0, filter, List.of(), path + " cannot be read");
        }
        ModuleTable table = ModuleTable.parse(text.get());
        List<LoadedModule> shown = filter == null ? table.modules() : table.matching(filter);
        String note = table.malformedLines() == 0 ? null
                : table.malformedLines() + " line(s) of " + path + " were not in the expected format and are left out";
        return new KernelReport.Modules(true, table.modules().size(), filter, shown, note);
    }

    private static Optional<Double> number(Path file, String text, List<String> unreadable) {
        try {
            return Optional.of(Double.valueOf(text));
        } catch (NumberFormatException e) {
            unreadable.add(file + ": not a number: " + text);
            return Optional.empty();
        }
    }

    private static Optional<Long> taintValue(Path file, String text, List<String> unreadable) {
        try {
            return Optional.of(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            unreadable.add(file + ": not a whole number: " + text);
            return Optional.empty();
        }
    }
}
