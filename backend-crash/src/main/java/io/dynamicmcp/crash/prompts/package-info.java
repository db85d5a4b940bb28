/** The crash tool set's prompts: short proven workflows over its tools. */
package io.dynamicmcp.crash.prompts;
