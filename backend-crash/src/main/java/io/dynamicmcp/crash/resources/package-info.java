/**
 * The crash provider's MCP resources: each dump's metadata and the kernel log kdump saved beside it, and each open
 * session's transcript.
 */
package io.dynamicmcp.crash.resources;
