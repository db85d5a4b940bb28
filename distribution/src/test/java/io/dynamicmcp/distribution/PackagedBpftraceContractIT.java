package io.dynamicmcp.distribution;

import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.testkit.ToolProviderContractTest;

/** The provider contract, run on the bpftrace backend as shipped: from plugins/bpftrace, through the plugin class loader. */
class PackagedBpftraceContractIT extends ToolProviderContractTest {

    @Override
    protected ToolProvider provider() {
        return PackagedPlugins.provider("bpftrace");
    }
}
