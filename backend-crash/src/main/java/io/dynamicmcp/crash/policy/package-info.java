/**
 * What a client may ask crash to do: the command allowlist with its per-command option rules
 * ({@link io.dynamicmcp.crash.policy.CommandPolicy}), and its answer for one line
 * ({@link io.dynamicmcp.crash.policy.Verdict}): the exact command crash receives and the output filters the
 * server applies itself ({@link io.dynamicmcp.crash.filter}).
 */
package io.dynamicmcp.crash.policy;
