/**
 * Grouping dumps by bug: the crash signature of each dump (what triage concludes, kept by dump identity in a
 * {@link io.dynamicmcp.crash.signature.SignatureStore}), computed in the background for the dumps that have none by a
 * bounded number of crash processes ({@link io.dynamicmcp.crash.signature.SignatureQueue}), and the groups
 * ({@link io.dynamicmcp.crash.signature.BugGroups}).
 */
package io.dynamicmcp.crash.signature;
