/** Configuration from flags, the environment and {@code .env} files, merged in that order of precedence. */
package io.dynamicmcp.core.config;
