/**
 * The bridge from the SPI to the MCP Java SDK: tool specifications, call handling (errors, progress, logging,
 * timeouts) and cancellation of in-flight calls, which the SDK itself does not handle; prompts and completions;
 * resources, templates and the resource list kept in step with the providers'.
 */
package io.dynamicmcp.core.mcp;
