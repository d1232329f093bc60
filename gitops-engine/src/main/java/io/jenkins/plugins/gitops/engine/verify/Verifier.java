package io.jenkins.plugins.gitops.engine.verify;

import io.jenkins.plugins.gitops.engine.health.HealthWait;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Checks a target against the desired state: drift is any change a fresh plan would make (including
 * resources that should have been pruned), and, where the target has controllers, health within a timeout.
 */
public final class Verifier {
    private final Target target;
    private final Progress progress;
    private final Clock clock;
    private final Duration pollInterval;
    private final DiffMode diffMode;

    public Verifier(Target target, Progress progress, Clock clock, Duration pollInterval) {
        this(target, progress, clock, pollInterval, DiffMode.DEFAULT);
    }

    public Verifier(Target target, Progress progress, Clock clock, Duration pollInterval, DiffMode diffMode) {
        this.target = target;
        this.progress = progress;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.diffMode = diffMode;
    }

    public VerifyResult verify(Environment env, Duration healthTimeout) {
        Plan plan = new Planner(target, progress, clock, diffMode).plan(env, Pruning.ON);
        // A run-once hook has no object of its own to judge; running it again is no drift.
        List<ResourceId> ids = env.desired().resources().stream().map(Resource::id).filter(id -> !id.hasGeneratedName())
                .toList();
        List<ResourceId> drifted = plan.changes().stream().filter(c -> c.action() != Action.NOOP
                && c.action() != Action.RUN).map(Change::id).toList();
        List<String> causes = drifted.isEmpty() ? List.of()
                : target.changeHistory().map(history -> history.driftCauses(drifted)).orElse(List.of());
        return new VerifyResult(plan, new HealthWait(target, progress, pollInterval).await(ids, healthTimeout),
                target.capabilities().observesHealth(), causes);
    }
}
