/**
 * MCP over stdin and stdout, in the stateless 2026-07-28 revision and the initialize-era revisions from the same
 * process. Unlike the SDK's stdio transports it answers malformed input with a JSON-RPC error instead of stopping,
 * handles {@code notifications/cancelled} for both eras, and delivers every answer before it exits when stdin closes.
 */
package io.dynamicmcp.transport.stdio;
