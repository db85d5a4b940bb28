/**
 * The bridge from the SPI to the MCP Java SDK, for both protocol eras: the initialize-era servers (2025-11-25 and
 * older, {@link io.dynamicmcp.core.mcp.McpServerAssembler#assemble}) and the stateless 2026-07-28 server
 * ({@link io.dynamicmcp.core.mcp.McpServerAssembler#modern()}), built from the same tools, prompts and resources.
 * Shared: running a tool call (errors, progress, logging, timeouts) and cancelling it, which the SDK itself does not
 * handle; who calls ({@link io.dynamicmcp.core.mcp.CallOrigin}); which era a request speaks
 * ({@link io.dynamicmcp.core.mcp.ProtocolEra}); and the catalog of resources, listed to each caller as it may see them.
 */
package io.dynamicmcp.core.mcp;
