package io.dynamicmcp.distribution;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/** Entry point of {@code bin/dynamic-mcp} and {@code bin/dynamic-mcp-http}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // No runtime class generation for our few bindings (we use no method interception): ~15 ms less start-up
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
        // picocli probes for Groovy closures (a class-path-wide search, which opens every jar in lib/: ~25 ms) and
        // registers converters for java.sql and java.time types by reflection (~10 ms); our options use neither
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        StartupWarmup.start();
        // stdout belongs to JSON-RPC in stdio mode: keep the real one for the transport and point System.out at
        // stderr, so that nothing a library prints can corrupt the protocol stream.
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        PrintStream helpOut = System.out;
        System.setOut(System.err);
        LauncherCommand command = new LauncherCommand(System.in, protocolOut);
        CommandLine commandLine = new CommandLine(command.spec())
                .setOut(new java.io.PrintWriter(helpOut, true))
                .setErr(new java.io.PrintWriter(System.err, true))
                .setExecutionExceptionHandler(command::handleFailure);
        int exit = commandLine.execute(args);
        helpOut.flush();
        System.exit(exit);
    }
}
