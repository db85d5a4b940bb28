/** The command-line launchers and their Guice wiring; the only place Guice is used. */
package io.dynamicmcp.distribution;
