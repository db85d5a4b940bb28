package io.dynamicmcp.distribution;

import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.testkit.ToolProviderContractTest;

/** The provider contract, run on the crash backend as shipped: from plugins/crash, through the plugin class loader. */
class PackagedCrashContractIT extends ToolProviderContractTest {

    @Override
    protected ToolProvider provider() {
        return PackagedPlugins.provider("crash");
    }
}
