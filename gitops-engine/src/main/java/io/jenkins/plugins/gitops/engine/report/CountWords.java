package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.PlanSummary;

/**
 * The counts of a plan, an apply or a verify in words. A plan says what would happen ("5 to create"); an apply
 * says what happened ("5 created"), since its page and summary are read after the fact; a verify says how the
 * target differs from the desired state.
 */
public final class CountWords {
    private CountWords() {
    }

    public static String planned(int creates, int updates, int deletes, int unchanged) {
        return new PlanSummary(creates, updates, deletes, unchanged).toString();
    }

    public static String applied(int created, int updated, int deleted, int unchanged) {
        return created + " created, " + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged";
    }

    /** The fresh plan of a verify: creates are missing resources, updates differ, deletes are no longer desired. */
    public static String verified(int missing, int differing, int undesired, int inSync) {
        return missing + " missing, " + differing + " differing, " + undesired + " no longer desired, " + inSync
                + " in sync";
    }
}
