package io.dynamicmcp.crash;

import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.testkit.ToolProviderContractTest;
import java.util.Map;

class CrashToolProviderContractTest extends ToolProviderContractTest {

    @Override
    protected ToolProvider provider() {
        return new CrashToolProvider();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                CrashSettings.DUMP_PATH, stateDirectory.resolve("dumps").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, stateDirectory.resolve("debug").toString(),
                CrashSettings.KERNEL_PATH, stateDirectory.resolve("boot").toString());
    }
}
