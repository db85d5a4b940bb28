/**
 * What a client may ask crash to do: the command allowlist with its per-command option rules
 * ({@link io.dynamicmcp.crash.policy.CommandPolicy}), and the output filters the server applies itself
 * instead of letting crash pipe to a shell ({@link io.dynamicmcp.crash.policy.OutputFilter}).
 */
package io.dynamicmcp.crash.policy;
