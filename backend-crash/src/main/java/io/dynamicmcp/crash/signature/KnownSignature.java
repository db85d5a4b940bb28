package io.dynamicmcp.crash.signature;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The bug a dump shows, as triage names it.
 *
 * @param id the crash signature: dumps of one bug share it
 * @param failureClass the failure class, e.g. {@code null_pointer_dereference}
 * @param culprit {@code function [module]}, when triage found one
 */
public record KnownSignature(String id, String failureClass, Optional<String> culprit) {

    public KnownSignature {
        requireNonNull(id, "id is null");
        requireNonNull(failureClass, "failureClass is null");
        requireNonNull(culprit, "culprit is null");
    }
}
