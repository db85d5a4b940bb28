/** MCP over HTTP on embedded Jetty. */
package io.dynamicmcp.transport.http;
