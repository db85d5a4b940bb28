/** The first pass over a crash dump ({@code crash_triage}): the commands it runs and the parsers of their output. */
package io.dynamicmcp.crash.triage;
