package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.TargetIds;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Records in the target's inventory what an apply owns, and the revision it applied, once it is done. */
final class InventoryRecorder {
    private final Target target;
    private final Clock clock;

    InventoryRecorder(Target target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /** Refuses before the first write what could not be recorded after the last (an inventory over its limit). */
    void checkRecordable(ApplyState state) {
        TreeSet<ResourceId> projected = new TreeSet<>(state.owned());
        projected.addAll(state.desired().keySet());
        target.checkInventory(new Inventory(projected, state.inventory().history()));
    }

    /** Writes the final inventory; returns the new revision, or null when the apply failed or changed nothing new. */
    Revision record(Plan plan, Environment env, ApplyState state, ApplyOptions options, List<Outcome> outcomes,
            boolean ok) {
        Inventory before = state.inventory();
        TreeSet<ResourceId> owned = new TreeSet<>(state.owned());
        if (ok) {
            // Everything desired is ours now; orphans were pruned, or kept by annotation and given up.
            if (plan.prune()) {
                owned.clear();
            }
            owned.addAll(state.desired().keySet());
        } else {
            // Keep owning what we created, so a later apply can prune it; give up only what we deleted.
            for (Outcome o : outcomes) {
                if (o.status() == Outcome.Status.DONE) {
                    if (o.action() == Action.DELETE) {
                        owned.remove(o.id());
                    } else {
                        owned.add(o.id());
                    }
                }
            }
        }
        boolean newRevision = ok && before.current()
                .map(r -> !r.commit().equals(plan.commit()) || !r.desiredDigest().equals(plan.desiredDigest())
                        || !r.path().equals(plan.path()))
                .orElse(true);
        Revision revision = newRevision ? new Revision(plan.commit(), plan.path(), plan.desiredDigest(), clock.instant(),
                options.user(), options.buildUrl(), env.desired().resources().size()) : null;
        // Kinds whose CRD this apply installed have canonical ids only now.
        owned = owned.stream().map(id -> TargetIds.canonical(target, id))
                .collect(Collectors.toCollection(TreeSet::new));
        Inventory after = revision == null ? new Inventory(owned, before.history())
                : before.withRevision(owned, revision, options.historyLimit());
        target.flush();
        if (!after.equals(before)) {
            target.writeInventory(after);
        }
        return revision;
    }
}
