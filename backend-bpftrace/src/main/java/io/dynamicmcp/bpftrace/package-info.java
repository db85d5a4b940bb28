/**
 * Live kernel tracing: bpftrace scripts and runs driven through a pty. One class per tool, built with the
 * collaborators it needs; {@link io.dynamicmcp.bpftrace.BpftraceToolProvider#open} wires them.
 */
package io.dynamicmcp.bpftrace;
