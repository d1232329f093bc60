package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.StateDigest;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.LiveFingerprint;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses a saved plan that is no longer what was reviewed: made for another target or source, for a desired
 * state that renders differently now, for live objects or an inventory that changed since, or altered.
 */
final class StalePlanChecks {
    private static final Logger LOG = System.getLogger(StalePlanChecks.class.getName());
    private static final int NAMED = 20;

    private StalePlanChecks() {
    }

    /** Checks that need no lock and read nothing from the target. */
    static void checkSameSource(Plan plan, Environment env, Target target) {
        if (!plan.target().equals(target.identity())) {
            throw new StalePlanException("the plan was made for target " + plan.target() + ", not " + target.identity()
                    + "; nothing was applied. Apply it to the target it was made for, or make a new plan");
        }
        if (!plan.commit().equals(env.commit()) || !plan.path().equals(env.path())) {
            throw new StalePlanException("the plan is for commit " + plan.commit() + " path '" + plan.path()
                    + "', but the source resolves to commit " + env.commit() + " path '" + env.path()
                    + "'; nothing was applied", Remedy.of(Remedy.Kind.REF, plan.commit()));
        }
        String now = StateDigest.like(plan.desiredDigest(), env.desired(), target.digestKey(), env.secrets());
        if (!plan.desiredDigest().equals(now)) {
            throw new StalePlanException("the desired state of commit " + shortId(plan.commit())
                    + " renders differently now than when it was planned (digest " + now
                    + ", plan has " + plan.desiredDigest() + "); nothing was applied",
                    Remedy.of(Remedy.Kind.VARIABLES));
        }
        LOG.log(Level.DEBUG, () -> "the plan made at " + plan.createdAt() + " matches the target, commit "
                + shortId(plan.commit()) + ", path '" + plan.path() + "' and desired state");
    }

    /** The live versions are those the plan pinned. */
    static void checkLiveUnchanged(Plan plan, Map<ResourceId, LiveObject> live) {
        List<String> changed = new ArrayList<>();
        for (Change c : plan.changes()) {
            LiveObject now = live.get(c.id());
            String version = now == null ? null : now.version();
            if (!Objects.equals(version, c.liveVersion())) {
                changed.add(c.id() + (c.liveVersion() == null ? " (created since)"
                        : version == null ? " (deleted since)" : " (changed since)"));
            }
        }
        if (!changed.isEmpty()) {
            throw new StalePlanException("the plan is stale: " + changed.size() + " live resource(s) changed after it"
                    + " was made at " + plan.createdAt() + ": " + named(changed)
                    + ". Nothing was applied; make a new plan and review it");
        }
    }

    /** With the live versions checked: the plan reaches no further than prune would, and the inventory is the same. */
    static void checkAgainstTarget(Plan plan, ApplyState state, Map<ResourceId, LiveObject> live, Target target) {
        checkConsistent(plan, state, live, target);
        checkInventoryUnchanged(plan, state);
        LOG.log(Level.DEBUG, () -> "the plan made at " + plan.createdAt() + " is current: " + plan.changes().size()
                + " change(s) consistent, " + live.size() + " live version(s) and the inventory unchanged");
    }

    /**
     * With the versions equal and the changes consistent, the fingerprint can still differ through the
     * inventory: another apply took or gave up ownership, which changes what this plan would prune and own.
     */
    private static void checkInventoryUnchanged(Plan plan, ApplyState state) {
        if (!LiveFingerprint.of(state.owned(), plan.changes()).equals(plan.liveFingerprint())) {
            throw new StalePlanException("the plan is stale: the target's inventory changed after it was made at "
                    + plan.createdAt() + " (another apply ran since), so what it would prune or own differs."
                    + " Nothing was applied; make a new plan and review it");
        }
    }

    /**
     * The plan file's own digest stops accidental edits; this stops a forged plan whose digest was recomputed:
     * a plan may only create or update what the commit desires, must account for every desired resource, and
     * may only delete what this engine owns, the commit no longer desires and is not marked
     * {@code gitops.jenkins.io/prune: disabled}, and a pruning plan must delete every such resource, so a plan
     * can never reach beyond what prune itself would do.
     */
    private static void checkConsistent(Plan plan, ApplyState state, Map<ResourceId, LiveObject> live,
            Target target) {
        Map<ResourceId, Resource> desired = state.desired();
        Set<ResourceId> owned = state.owned();
        Set<ResourceId> planned = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (!planned.add(c.id())) {
                wrong.add(c.id() + " is listed twice");
            } else if (c.action() == Action.DELETE ? desired.containsKey(c.id()) || !owned.contains(c.id())
                    || live.containsKey(c.id()) && Planner.pruneDisabled(live.get(c.id()))
                    : !desired.containsKey(c.id())) {
                wrong.add(c.action() + " " + c.id());
            } else if (!actionFits(c, live.containsKey(c.id()), plan.prune())) {
                wrong.add(c.action() + " " + c.id() + " with " + (live.containsKey(c.id()) ? "a live object" : "none")
                        + (c.diff() == null || c.diff().isEmpty() ? " and no diff" : " and a diff"));
            }
        }
        desired.keySet().stream().filter(id -> !planned.contains(id)).forEach(id -> wrong.add(id + " is missing"));
        if (plan.prune()) {
            // A pruning plan gives up ownership of every orphan: each one it leaves out would be abandoned, not deleted.
            List<ResourceId> orphans = owned.stream().filter(id -> !desired.containsKey(id) && !planned.contains(id))
                    .toList();
            target.read(orphans).values().stream().filter(o -> !Planner.pruneDisabled(o))
                    .forEach(o -> wrong.add("the delete of " + o.id() + " is missing"));
        }
        if (!wrong.isEmpty()) {
            throw new StalePlanException("the plan does not match the desired state of commit " + shortId(plan.commit())
                    + " and the target's inventory (" + named(wrong) + "); it was altered or made for another state."
                    + " Nothing was applied; make a new plan");
        }
    }

    private static String named(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(NAMED, items.size()))) + (items.size() > NAMED ? ", ..." : "");
    }

    private static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /**
     * What the planner would have written: a create for what does not exist, an update or no-op for what does;
     * an update has a diff and a no-op none; deletes only in a pruning plan; a run for a run-once hook and for
     * nothing else. A plan that says otherwise was edited, and would skip or add work nobody reviewed.
     */
    private static boolean actionFits(Change c, boolean exists, boolean prune) {
        boolean hasDiff = c.diff() != null && !c.diff().isEmpty();
        if (c.id().hasGeneratedName() != (c.action() == Action.RUN)) {
            return false;
        }
        return switch (c.action()) {
            case CREATE, RUN -> !exists;
            case UPDATE -> exists && hasDiff;
            case NOOP -> exists && !hasDiff;
            case DELETE -> prune;
        };
    }
}
