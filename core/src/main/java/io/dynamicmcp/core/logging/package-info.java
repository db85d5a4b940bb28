/** The host's log: {@link java.lang.System.Logger}, which plugins use, routed to SLF4J under each provider's id. */
package io.dynamicmcp.core.logging;
