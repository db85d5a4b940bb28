/**
 * Starts and drives child programs (crash, bpftrace) in a pseudo-terminal on pty4j, with a controlled
 * environment, a dedicated reader thread and bounded buffering, and a guarantee that no child outlives its
 * owner.
 */
package io.dynamicmcp.core.pty;
