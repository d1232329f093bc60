package io.jenkins.plugins.gitops.engine.health;

/** Whether a live object has reached the state its spec asks for. */
public enum HealthStatus {
    /** The object is what its spec asks for (or has no notion of readiness). */
    CURRENT,
    /** A controller is still working on it; waiting longer may help. */
    IN_PROGRESS,
    /** It will not get there without a change: waiting longer does not help. */
    FAILED
}
