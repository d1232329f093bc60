package io.jenkins.plugins.gitops.engine.report;

/**
 * The counts of an apply in words: what happened ("5 created"), since its log, check and summary are read after
 * the fact. A plan says what would happen ({@code PlanSummary}); the Jenkins pages word each phase through their
 * {@code Phase} (gitops-pages).
 */
public final class CountWords {
    private CountWords() {
    }

    public static String applied(int created, int updated, int deleted, int unchanged) {
        return created + " created, " + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged";
    }
}
