package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.testkit.ToolProviderContractTest;

class BpftraceToolProviderContractTest extends ToolProviderContractTest {

    @Override
    protected ToolProvider provider() {
        return new BpftraceToolProvider();
    }
}
