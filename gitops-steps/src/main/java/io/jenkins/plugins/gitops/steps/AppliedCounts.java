package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.report.CountWords;

/**
 * What an apply did, not what its plan said: only resources actually created, updated or deleted count, and a
 * resource already as desired counts as unchanged. The step's result map and its check both say this.
 */
record AppliedCounts(int created, int updated, int deleted, int unchanged, int ran) {

    static AppliedCounts of(ApplyResult result) {
        int created = 0;
        int updated = 0;
        int deleted = 0;
        int unchanged = 0;
        int ran = 0;
        for (Outcome o : result.outcomes()) {
            if (o.status() == Outcome.Status.UNCHANGED) {
                unchanged++;
            } else if (o.status() == Outcome.Status.DONE) {
                switch (o.action()) {
                    case CREATE -> created++;
                    case UPDATE -> updated++;
                    case DELETE -> deleted++;
                    case RUN -> ran++;
                    case NOOP -> { } // never carried out
                }
            }
        }
        return new AppliedCounts(created, updated, deleted, unchanged, ran);
    }

    /** "5 created, 0 updated, 1 deleted, 3 unchanged". */
    String words() {
        return CountWords.applied(created, updated, deleted, unchanged);
    }
}
