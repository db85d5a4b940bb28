package io.dynamicmcp.examples.kernelinfo;

import io.dynamicmcp.spi.FinishedProcess;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervision;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code kernel_messages}: the last lines of the live kernel's log, from {@code dmesg}. The example of a tool that
 * drives a program: it starts it through the host's process service (which owns the child, starts it clean and reaps
 * it), under a deadline and an output limit, and turns a failure into a message the client can act on.
 */
final class KernelMessagesTool {

    private final ProcessService processes;
    private final String dmesg;
    private final Path home;

    KernelMessagesTool(ProcessService processes, String dmesg, Path home) {
        this.processes = processes;
        this.dmesg = dmesg;
        this.home = home;
    }

    Tool tool() {
        return Tool.builder("kernel_messages")
                .title("Recent kernel log messages")
                .description("The last lines of the live kernel's log (dmesg), warnings and errors by default. Use it "
                        + "to see what the running kernel complained about recently; not for a crash dump's log.")
                .inputSchema(JsonSchema.object()
                        .property("lines", JsonSchema.integer().minimum(1).maximum(1000).defaultValue(50)
                                .description("How many of the last lines to return"))
                        .property("all_levels", JsonSchema.bool().defaultValue(false)
                                .description("Include info and debug messages, not only warnings and errors"))
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("lines", JsonSchema.array(JsonSchema.string()).description("The log lines, oldest first"))
                        .required("lines").build())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) throws ToolException {
        int wanted = (int) call.arguments().integer("lines", 50, 1, 1000);
        List<String> command = call.arguments().bool("all_levels", false)
                ? List.of(dmesg, "--kernel") : List.of(dmesg, "--kernel", "--level=emerg,alert,crit,err,warn");
        FinishedProcess done;
        try {
            done = processes.run(ProcessSpec.command(command).directory(home).outputLimit(4 << 20).build(),
                    Supervision.deadline(Duration.ofSeconds(10)).stopOn(call.cancellation()));
        } catch (IOException e) {
            throw new ToolException("cannot run " + dmesg + ": " + e.getMessage() + " (is util-linux installed?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while reading the kernel log");
        }
        if (!done.succeeded()) {
            throw new ToolException(dmesg + " failed (" + done.text().strip() + "); reading the kernel log needs "
                    + "CAP_SYSLOG when kernel.dmesg_restrict is 1: run the server as root or lower that setting");
        }
        List<String> lines = done.text().lines().toList();
        lines = lines.subList(Math.max(0, lines.size() - wanted), lines.size());
        return ToolResult.success(String.join("\n", lines), Map.of("lines", lines));
    }
}
