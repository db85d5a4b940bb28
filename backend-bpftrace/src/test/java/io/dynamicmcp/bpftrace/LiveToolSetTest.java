package io.dynamicmcp.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live bpftrace test: each test gets an open tool set (skipped loudly where bpftrace cannot run), and no bpftrace
 * process may outlive it.
 */
abstract class LiveToolSetTest {

    @TempDir
    Path state;

    HostedProvider hosted;
    TestContext context;
    ToolSet set;

    /** The settings the tool set opens with. */
    Map<String, String> settings() {
        return Map.of();
    }

    @BeforeEach
    void open() throws Exception {
        LiveBpftrace.assumeRunnable();
        hosted = HostedProvider.open(new BpftraceToolProvider(), settings(), state);
        context = hosted.context();
        set = hosted.set();
    }

    /** Closes the set in a real host, which fails if a child outlived it; and no bpftrace may be left at all. */
    @AfterEach
    void close() {
        if (hosted != null) {
            hosted.close();
            assertEquals(List.of(), LiveBpftrace.bpftraceChildren(), "bpftrace outlived the tool set");
        }
    }
}
