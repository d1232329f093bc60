package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history entry an apply leaves, for {@code gitops history} and the metrics: a failed apply with its error class;
 * a successful one when it changed something or applied a new revision (an apply that found nothing to do and
 * re-applied the current revision leaves none, so repeated runs do not crowd out the history).
 */
final class HistoryEntries {
    /** Error classes of a failed apply, as recorded. */
    static final String INTERRUPTED = "interrupted";
    static final String FIELD_CONFLICT = "field-conflict";
    static final String IMMUTABLE_FIELD = "immutable-field";
    static final String ACCESS = "access";
    static final String RESOURCE = "resource";

    private HistoryEntries() {
    }

    static Optional<Revision> of(Plan plan, Inventory before, ApplyOptions options, List<Outcome> outcomes, boolean ok,
            boolean interrupted, int desired, Instant now) {
        int changed = (int) outcomes.stream().filter(Outcome::changedTarget).count();
        boolean newRevision = before.current()
                .map(r -> !r.commit().equals(plan.commit()) || !r.desiredDigest().equals(plan.desiredDigest())
                        || !r.path().equals(plan.path()))
                .orElse(true);
        if (ok && changed == 0 && !newRevision) {
            return Optional.empty();
        }
        return Optional.of(Revision.builder().commit(plan.commit()).path(plan.path())
                .desiredDigest(plan.desiredDigest()).appliedAt(now).user(options.user()).buildUrl(options.buildUrl())
                .resources(desired).event(Revision.Event.APPLY)
                .result(ok ? Revision.Result.SUCCEEDED : Revision.Result.FAILED)
                .errorClass(ok ? null : errorClass(outcomes, interrupted)).plannedAt(plan.createdAt()).changed(changed)
                .rollback(Inventory.isRollback(before.history(), plan.commit())).build());
    }

    /** What kind of failure stopped the apply: the first failed resource's, by the remedy the engine knows for it. */
    static String errorClass(List<Outcome> outcomes, boolean interrupted) {
        if (interrupted) {
            return INTERRUPTED;
        }
        Remedy.Kind kind = outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED && o.remedy() != null)
                .map(o -> o.remedy().kind()).findFirst().orElse(null);
        if (kind == null) {
            return RESOURCE;
        }
        return switch (kind) {
            case FORCE_CONFLICTS -> FIELD_CONFLICT;
            case REPLACE_IMMUTABLE -> IMMUTABLE_FIELD;
            case KUBECONFIG, CONTEXT -> ACCESS;
            default -> RESOURCE;
        };
    }
}
