package io.dynamicmcp.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamicmcp.spi.ToolSet;
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

    TestContext context;
    ToolSet set;

    /** The settings the tool set opens with. */
    Map<String, String> settings() {
        return Map.of();
    }

    @BeforeEach
    void open() {
        LiveBpftrace.assumeRunnable();
        context = new TestContext(settings(), state);
        set = new BpftraceToolProvider().open(context);
    }

    @AfterEach
    void close() {
        if (set != null) {
            set.close();
            assertEquals(List.of(), LiveBpftrace.bpftraceChildren(), "bpftrace outlived the tool set");
        }
    }
}
