package io.dynamicmcp.crash;

import io.dynamicmcp.crash.session.FakeCrash;
import io.dynamicmcp.crash.session.FakeCrashes;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.TestContext;

/** The crash tool set opened through the provider, with {@link FakeCrash} started in place of crash. */
public final class FakeCrashTools {

    private FakeCrashTools() {
    }

    public static ToolSet open(TestContext context) {
        return new CrashToolProvider(FakeCrashes.executable()).open(context);
    }
}
