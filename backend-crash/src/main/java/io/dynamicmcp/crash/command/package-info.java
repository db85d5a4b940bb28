/** What may reach crash through crash_command, and how its output is filtered and bounded. */
package io.dynamicmcp.crash.command;
