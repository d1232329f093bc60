package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a plan, apply or verify call found: the counts (an apply's count only what it did; {@code runs} are run-once
 * hooks, which change nothing the target owns and so are not changes), the plan file as the step
 * named it ("" when none was saved), the desired state's digest, the commit, the drifted resources (a verify's) and
 * those not healthy, by name. The plugin reads it typed; the Pipeline step returns it as {@link #toMap()}.
 */
public record StepResult(int creates, int updates, int deletes, int unchanged, int runs, String planFile, String digest,
        String commit, List<String> drifted, List<String> unhealthy) implements Serializable {
    /** The keys of {@link #toMap()}, in its order: the same for plan, apply and verify. */
    public static final List<String> KEYS = List.of("creates", "updates", "deletes", "unchanged", "runs",
            "hasChanges", "planFile", "digest", "commit", "drifted", "unhealthy");

    public StepResult {
        planFile = planFile == null ? "" : planFile;
        drifted = List.copyOf(drifted);
        unhealthy = List.copyOf(unhealthy);
    }

    /** A plan: what applying it would change. {@code planFile} may be null when the plan was not saved. */
    public static StepResult of(Plan plan, String planFile) {
        PlanSummary s = plan.summary();
        return new StepResult(s.create(), s.update(), s.delete(), s.noop(), s.run(), planFile, plan.desiredDigest(),
                plan.commit(), List.of(), List.of());
    }

    /**
     * An apply: what it did (only resources actually created, updated or deleted count), and the resources not
     * healthy when waited for (empty when there was no wait).
     */
    public static StepResult of(ApplyResult result, String planFile, List<ResourceHealth> unhealthy) {
        AppliedCounts done = AppliedCounts.of(result);
        return new StepResult(done.created(), done.updated(), done.deleted(), done.unchanged(), done.ran(), planFile,
                result.plan().desiredDigest(), result.plan().commit(), List.of(), names(unhealthy));
    }

    /** A verify: the fresh plan's counts, the drifted resources and the unhealthy ones. */
    public static StepResult of(VerifyResult result) {
        PlanSummary s = result.plan().summary();
        return new StepResult(s.create(), s.update(), s.delete(), s.noop(), s.run(), null, result.plan().desiredDigest(),
                result.plan().commit(), result.drifted().stream().map(c -> c.id().toString()).toList(),
                names(result.unhealthy()));
    }

    public boolean hasChanges() {
        return creates + updates + deletes > 0;
    }

    /**
     * The value the Pipeline step returns: strings, numbers, booleans and lists of strings only, so that it survives a
     * Pipeline restart and reads in {@code script {}} without script approvals.
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("creates", creates);
        m.put("updates", updates);
        m.put("deletes", deletes);
        m.put("unchanged", unchanged);
        m.put("runs", runs);
        m.put("hasChanges", hasChanges());
        m.put("planFile", planFile);
        m.put("digest", digest);
        m.put("commit", commit);
        // ArrayList, not List.of: Pipeline (CPS) serializes return values and whitelists the common types.
        m.put("drifted", new ArrayList<>(drifted));
        m.put("unhealthy", new ArrayList<>(unhealthy));
        return m;
    }

    private static List<String> names(List<ResourceHealth> unhealthy) {
        return unhealthy.stream().map(ResourceHealth::toString).toList();
    }
}
