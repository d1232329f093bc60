package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import java.time.Instant;
import java.util.List;

/** Small plans built from records, for tests of the report classes. */
public final class ReportFixtures {
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    public static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");
    public static final ResourceId CONFIG = new ResourceId("", "ConfigMap", "shop", "config");
    public static final ResourceId OLD = new ResourceId("", "Service", "shop", "old");
    public static final ResourceId SAME = new ResourceId("", "ServiceAccount", "shop", "same");

    private ReportFixtures() {
    }

    public static Change change(ResourceId id, Action action, String diff) {
        return new Change(id, action, action == Action.DELETE ? null : new Origin("env/app.yaml", 3),
                action == Action.CREATE ? null : "v1", diff);
    }

    public static Plan plan(List<Change> changes) {
        return new Plan("/repo", COMMIT, "env", "dir:/srv/target", "sha256:desired", "sha256:live", true,
                Instant.parse("2026-01-01T00:00:00Z"), changes);
    }

    public static Plan mixedPlan() {
        return plan(List.of(
                change(WEB, Action.CREATE, "--- a\n+++ b\n+kind: Deployment\n"),
                change(CONFIG, Action.UPDATE, "--- a\n+++ b\n-color: red\n+color: blue\n"),
                change(SAME, Action.NOOP, ""),
                change(OLD, Action.DELETE, "--- a\n+++ b\n-kind: Service\n")));
    }
}
