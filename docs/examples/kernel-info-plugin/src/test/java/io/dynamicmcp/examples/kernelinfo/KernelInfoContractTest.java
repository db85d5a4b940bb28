package io.dynamicmcp.examples.kernelinfo;

import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.testkit.ToolProviderContractTest;

/** The contract every provider must meet, run against this machine's real /proc and /sys. */
class KernelInfoContractTest extends ToolProviderContractTest {

    @Override
    protected ToolProvider provider() {
        return new KernelInfoProvider();
    }
}
