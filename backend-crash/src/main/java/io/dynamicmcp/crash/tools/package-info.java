/**
 * The crash tools as MCP clients see them: names, schemas, annotations and result shapes. One class per tool, built
 * with the collaborators it needs; its {@code tool()} is the SPI tool the provider publishes.
 */
package io.dynamicmcp.crash.tools;
