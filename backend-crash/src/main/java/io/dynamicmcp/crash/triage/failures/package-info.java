/**
 * The failure classes {@code crash_triage} recognises, one class each: how it shows in the kernel log, in crash's
 * {@code sys} and in {@code bt}, and its follow-ups. {@link io.dynamicmcp.crash.triage.failures.FailureKinds} lists
 * them in the order the classifier asks them.
 */
package io.dynamicmcp.crash.triage.failures;
