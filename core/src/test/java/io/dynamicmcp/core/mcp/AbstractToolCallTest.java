package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamicmcp.spi.CallCancellation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbstractToolCallTest {

    @Test
    void progressValuesSentOnlyIncrease() {
        DirectToolCall call = new DirectToolCall("t", Map.of(), "caller", CallCancellation.trigger());
        assertEquals(0.0, call.increasing(0));
        assertEquals(0.001, call.increasing(0), 1e-9, "a repeated value is raised just above the last");
        assertEquals(0.002, call.increasing(0), 1e-9);
        assertEquals(3.0, call.increasing(3), "a greater value goes out as it is");
        assertEquals(3.001, call.increasing(2), 1e-9, "a smaller one too is raised");
        assertEquals(4.5, call.increasing(4.5));
    }
}
