/**
 * An example Dynamic MCP plugin: the {@code kernel_info} tool, reporting the running kernel of the live host
 * from {@code /proc} and {@code /sys}. Written against the SPI package {@code io.dynamicmcp.spi} and the JDK
 * only, as every plugin must be; see docs/plugins.md.
 */
package io.dynamicmcp.examples.kernelinfo;
