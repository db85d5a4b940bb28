package io.dynamicmcp.examples.kernelinfo;

import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ProviderUnavailableException;
import io.dynamicmcp.spi.Settings;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plugin's entry point, listed in {@code META-INF/services/io.dynamicmcp.spi.ToolProvider}. Construction
 * does nothing; {@link #open} reads the settings and checks that procfs is there.
 *
 * <p>Settings: {@code KERNEL_INFO_PROC_ROOT} (default {@code /proc}) and {@code KERNEL_INFO_SYS_ROOT} (default
 * {@code /sys}), the folders read in place of {@code /proc} and {@code /sys}; tests point them at a fake tree.
 * {@code KERNEL_INFO_DMESG} (default {@code dmesg}) is the program {@code kernel_messages} runs.
 */
public final class KernelInfoProvider implements ToolProvider {

    public static final String PROC_ROOT = "KERNEL_INFO_PROC_ROOT";
    public static final String SYS_ROOT = "KERNEL_INFO_SYS_ROOT";
    public static final String DMESG = "KERNEL_INFO_DMESG";

    private static final String RELEASE_FILE = "sys/kernel/osrelease";

    @Override
    public String id() {
        return "kernel-info";
    }

    @Override
    public ToolSet open(ProviderContext context) throws ProviderUnavailableException {
        Settings settings = context.settings();
        Path proc = settings.path(PROC_ROOT, Path.of("/proc"));
        Path sys = settings.path(SYS_ROOT, Path.of("/sys"));
        boolean procConfigured = settings.get(PROC_ROOT).isPresent();
        if (!Files.isReadable(proc.resolve(RELEASE_FILE))) {
            if (procConfigured) {
                // an administrator's mistake: refuse to start rather than report a different machine
                throw new InvalidSettingException(PROC_ROOT, settings.get(PROC_ROOT).get(),
                        "a folder laid out like /proc (" + proc.resolve(RELEASE_FILE) + " is not readable)");
            }
            throw new ProviderUnavailableException(proc.resolve(RELEASE_FILE) + " is not readable: kernel_info needs"
                    + " a Linux host with procfs mounted at " + proc);
        }
        if (settings.get(SYS_ROOT).isPresent() && !Files.isDirectory(sys)) {
            throw new InvalidSettingException(SYS_ROOT, settings.get(SYS_ROOT).get(), "a folder laid out like /sys");
        }
        Tool info = new KernelInfoTool(new KernelReader(new HostFiles(proc, sys))).tool();
        Tool messages = new KernelMessagesTool(context.processes(), settings.string(DMESG, "dmesg"),
                context.stateDirectory()).tool();
        return new KernelInfoToolSet(List.of(info, messages));
    }

    /**
     * Stateless tools; kernel_messages' children end with each call, and the host reaps any the set left, so close()
     * has nothing to release and is trivially idempotent.
     */
    private static final class KernelInfoToolSet implements ToolSet {

        private final List<Tool> tools;

        KernelInfoToolSet(List<Tool> tools) {
            this.tools = List.copyOf(tools);
        }

        @Override
        public List<Tool> tools() {
            return tools;
        }

        @Override
        public void close() {
        }
    }
}
