/**
 * The host's process service ({@link io.dynamicmcp.spi.ProcessService}): starts children on a pseudo-terminal
 * (pty4j opens it) or on pipes with {@code posix_spawn}, so that they start clean whatever the server inherited;
 * reads their output on a thread of their own into bounded buffers; supervises them (deadline, interrupt, grace,
 * kill); and kills whatever a tool set leaves running when it closes or the JVM exits.
 */
package io.dynamicmcp.core.process;
