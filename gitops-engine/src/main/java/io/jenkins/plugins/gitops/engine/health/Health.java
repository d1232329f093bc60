package io.jenkins.plugins.gitops.engine.health;

/** The health of one object and why, in words a user can act on ("2 of 3 replicas available"). */
public record Health(HealthStatus status, String reason) {
    public static Health current(String reason) {
        return new Health(HealthStatus.CURRENT, reason);
    }

    public static Health inProgress(String reason) {
        return new Health(HealthStatus.IN_PROGRESS, reason);
    }

    public static Health failed(String reason) {
        return new Health(HealthStatus.FAILED, reason);
    }
}
