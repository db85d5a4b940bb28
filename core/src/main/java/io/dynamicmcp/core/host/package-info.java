/** Opens the discovered providers, gathers their tools, refuses duplicates and closes everything at the end. */
package io.dynamicmcp.core.host;
