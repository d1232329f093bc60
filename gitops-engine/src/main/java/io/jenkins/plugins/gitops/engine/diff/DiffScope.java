package io.jenkins.plugins.gitops.engine.diff;

/** Which fields of a live object take part in the comparison with the desired one. */
public enum DiffScope {
    /** Every field (after normalization): the target keeps exactly what was applied. */
    WHOLE_OBJECT,
    /** Only fields the desired manifest sets: the target adds defaults that are not differences. */
    DESIRED_FIELDS
}
