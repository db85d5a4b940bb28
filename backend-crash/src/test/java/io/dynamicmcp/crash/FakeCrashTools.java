package io.dynamicmcp.crash;

import io.dynamicmcp.crash.session.FakeCrash;
import io.dynamicmcp.crash.session.FakeCrashes;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Path;
import java.util.Map;

/** The crash tool set opened through the provider, with {@link FakeCrash} started in place of crash. */
public final class FakeCrashTools {

    private FakeCrashTools() {
    }

    /** The crash provider with the fake crash, opened in a test host with {@code settings} and {@code state}. */
    public static HostedProvider host(Map<String, String> settings, Path state) throws Exception {
        return HostedProvider.open(new CrashToolProvider(FakeCrashes.executable()), settings, state);
    }
}
