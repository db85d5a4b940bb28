/**
 * Crash-dump analysis: the provider, which wires dump discovery, kernel matching, crash sessions driven through a pty,
 * the command policy and the output store into the tools, prompts and resources of one live tool set.
 */
package io.dynamicmcp.crash;
