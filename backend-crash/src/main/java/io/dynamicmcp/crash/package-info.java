/** Crash-dump analysis: dump discovery, kernel matching and crash sessions driven through a pty. */
package io.dynamicmcp.crash;
