/** Live kernel tracing: bpftrace scripts and runs driven through a pty. */
package io.dynamicmcp.bpftrace;
