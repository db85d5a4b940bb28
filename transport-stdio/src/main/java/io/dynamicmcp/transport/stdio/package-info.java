/**
 * MCP over stdin and stdout. Unlike the SDK's stdio transport it answers malformed input with a JSON-RPC
 * error instead of stopping, handles {@code notifications/cancelled}, and delivers every answer before it
 * exits when stdin closes.
 */
package io.dynamicmcp.transport.stdio;
