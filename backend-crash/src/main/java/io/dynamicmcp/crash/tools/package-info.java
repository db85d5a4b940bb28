/** The crash tools as MCP clients see them: names, schemas, annotations and result shapes. */
package io.dynamicmcp.crash.tools;
