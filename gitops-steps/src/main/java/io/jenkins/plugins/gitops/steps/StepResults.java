package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The value a Pipeline step returns: the same keys for plan, apply and verify, holding only strings,
 * numbers, booleans and lists of strings, so that it crosses a remoting channel, survives a Pipeline
 * restart and reads in {@code script {}} without script approvals.
 */
public final class StepResults {
    public static final List<String> KEYS = List.of("creates", "updates", "deletes", "unchanged", "hasChanges",
            "planFile", "digest", "commit", "drifted", "unhealthy");

    private StepResults() {
    }

    /** A plan: what applying it would change. {@code planFile} may be null when the plan was not saved. */
    public static LinkedHashMap<String, Object> of(Plan plan, String planFile) {
        PlanSummary s = plan.summary();
        return map(s.create(), s.update(), s.delete(), s.noop(), plan, planFile, List.of(), List.of());
    }

    /**
     * An apply: what it did (only resources actually created, updated or deleted count), and the resources not
     * healthy when waited for (empty when there was no wait).
     */
    public static LinkedHashMap<String, Object> of(ApplyResult result, String planFile, List<ResourceHealth> unhealthy) {
        int[] done = new int[Action.values().length];
        for (Outcome o : result.outcomes()) {
            if (o.status() == Outcome.Status.DONE) {
                done[o.action().ordinal()]++;
            }
        }
        int unchanged = (int) result.outcomes().stream().filter(o -> o.status() == Outcome.Status.UNCHANGED).count();
        return map(done[Action.CREATE.ordinal()], done[Action.UPDATE.ordinal()], done[Action.DELETE.ordinal()],
                unchanged, result.plan(), planFile, List.of(), names(unhealthy));
    }

    /** A verify: the fresh plan's counts, the drifted resources and the unhealthy ones. */
    public static LinkedHashMap<String, Object> of(VerifyResult result) {
        PlanSummary s = result.plan().summary();
        List<String> drifted = new ArrayList<>();
        for (Change c : result.drifted()) {
            drifted.add(c.id().toString());
        }
        return map(s.create(), s.update(), s.delete(), s.noop(), result.plan(), null, drifted,
                names(result.unhealthy()));
    }

    private static List<String> names(List<ResourceHealth> unhealthy) {
        return unhealthy.stream().map(ResourceHealth::toString).toList();
    }

    private static LinkedHashMap<String, Object> map(int creates, int updates, int deletes, int unchanged, Plan plan,
            String planFile, List<String> drifted, List<String> unhealthy) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("creates", creates);
        m.put("updates", updates);
        m.put("deletes", deletes);
        m.put("unchanged", unchanged);
        m.put("hasChanges", creates + updates + deletes > 0);
        m.put("planFile", planFile == null ? "" : planFile);
        m.put("digest", plan.desiredDigest());
        m.put("commit", plan.commit());
        // ArrayList, not List.of: Pipeline (CPS) serializes return values and whitelists the common types.
        m.put("drifted", new ArrayList<>(drifted));
        m.put("unhealthy", new ArrayList<>(unhealthy));
        return m;
    }
}
