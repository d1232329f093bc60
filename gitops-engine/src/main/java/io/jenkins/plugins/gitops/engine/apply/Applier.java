package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.EmptyDesiredState;
import io.jenkins.plugins.gitops.engine.plan.LiveReads;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.plan.SecretRule;
import io.jenkins.plugins.gitops.engine.plan.Waves;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Carries out a plan on a target, exactly as reviewed: under the target's lock, only if the desired state
 * and the live objects are still those the plan was made from ({@link StalePlanChecks}); in waves, each wave
 * in parallel up to a bound ({@link WaveRunner}); prune only after everything else succeeded; then the
 * inventory and history ({@link InventoryRecorder}).
 */
public final class Applier {
    private final Target target;
    private final Progress progress;
    private final Clock clock;
    private final DiffMode diffMode;
    private final LongSupplier nanoTime;

    public Applier(Target target, Progress progress, Clock clock) {
        this(target, progress, clock, DiffMode.DEFAULT);
    }

    /** {@code diffMode} is how {@link #planAndApply} plans; a saved plan was made with its own. */
    public Applier(Target target, Progress progress, Clock clock, DiffMode diffMode) {
        this(target, progress, clock, diffMode, System::nanoTime);
    }

    /**
     * {@code nanoTime} is the monotonic clock the lock's lease is measured on before each write; a test that
     * simulates a paused process advances it.
     */
    public Applier(Target target, Progress progress, Clock clock, DiffMode diffMode, LongSupplier nanoTime) {
        this.target = target;
        this.progress = progress;
        this.clock = clock;
        this.diffMode = diffMode;
        this.nanoTime = nanoTime;
    }

    /**
     * Applies a saved plan. {@code env} is the same source re-rendered now; it must match the plan. The plan is
     * checked against the target once without the lock, so a stale plan is refused without writing anything
     * (not even the lock), and again under the lock, where it counts.
     */
    public ApplyResult apply(Plan plan, Environment env, ApplyOptions options) {
        StalePlanChecks.checkSameSource(plan, env, target);
        SecretRule.check(target, env);
        EmptyDesiredState.check(env, plan.changes(), options.allowEmpty());
        checkAgainstTarget(plan, env);
        try (LockKeeper lock = LockKeeper.acquire(target, LockKeeper.holder(options.user()), options, progress,
                nanoTime)) {
            return execute(plan, env, checkAgainstTarget(plan, env), options, lock);
        }
    }

    private ApplyState checkAgainstTarget(Plan plan, Environment env) {
        ApplyState state = ApplyState.read(target, env);
        Map<ResourceId, Resource> desired = new LinkedHashMap<>();
        List<ResourceId> others = new ArrayList<>();
        for (Change c : plan.changes()) {
            Resource resource = state.desired().get(c.id());
            if (resource != null) {
                desired.put(c.id(), resource);
            } else {
                others.add(c.id());
            }
        }
        Map<ResourceId, LiveObject> live = LiveReads.of(target, desired, others);
        StalePlanChecks.checkLiveUnchanged(plan, live);
        StalePlanChecks.checkAgainstTarget(plan, state, live, target);
        return state;
    }

    /** Plans and applies in one go under one lock ({@code --auto-approve}): nothing can change in between. */
    public ApplyResult planAndApply(Environment env, boolean prune, ApplyOptions options) {
        return planAndApply(env, prune, options, true);
    }

    /** As {@link #planAndApply(Environment, boolean, ApplyOptions)}; {@code bodies} as {@link Planner}'s. */
    public ApplyResult planAndApply(Environment env, boolean prune, ApplyOptions options, boolean bodies) {
        try (LockKeeper lock = LockKeeper.acquire(target, LockKeeper.holder(options.user()), options, progress,
                nanoTime)) {
            Plan plan = new Planner(target, progress, clock, diffMode, bodies).plan(env,
                    Pruning.of(prune, options.allowEmpty()));
            return execute(plan, env, ApplyState.read(target, env), options, lock);
        }
    }

    private ApplyResult execute(Plan plan, Environment env, ApplyState state, ApplyOptions options, LockKeeper lock) {
        Map<ResourceId, Resource> desired = state.desired();
        List<Change> writes = plan.changes().stream()
                .filter(c -> c.action() == Action.CREATE || c.action() == Action.UPDATE).toList();
        // Run-once hooks go in the waves of their phase, among the writes.
        List<Change> applies = plan.changes().stream()
                .filter(c -> c.action() == Action.CREATE || c.action() == Action.UPDATE || c.action() == Action.RUN)
                .toList();
        InventoryRecorder recorder = new InventoryRecorder(target, clock, lock, state, writes);
        recorder.checkRecordable(state);
        List<Change> deletes = plan.changes().stream().filter(c -> c.action() == Action.DELETE).toList();
        try (WaveRunner runner = new WaveRunner(options.parallelism(), progress, lock)) {
            plan.changes().stream().filter(c -> c.action() == Action.NOOP)
                    .forEach(c -> runner.record(c, Outcome.Status.UNCHANGED));
            boolean ok = runner.run(Waves.group(applies, Change::id, c -> Waves.keyOf(desired.get(c.id()))),
                    c -> c.action() == Action.RUN ? target.run(desired.get(c.id())) : written(desired.get(c.id())),
                    "apply", recorder);
            if (ok && plan.prune()) {
                ok = runner.run(Waves.deleteOrder(deletes, Change::id), c -> {
                    target.delete(c.id());
                    return Optional.empty();
                }, "prune", recorder);
            } else if (!deletes.isEmpty()) {
                deletes.forEach(c -> runner.record(c, Outcome.Status.SKIPPED));
                if (!ok) {
                    progress.warn("nothing was pruned because the apply " + (runner.interrupted() ? "was interrupted"
                            : "failed"));
                }
            }
            runner.confirmLock(); // the inventory may only be written by the lock's holder
            return recorder.record(plan, env, state, options, ordered(plan, runner.outcomes()), ok,
                    runner.interrupted());
        }
    }

    /** Applies one resource; a named object needs no name reported. */
    private Optional<String> written(Resource resource) {
        target.apply(resource);
        return Optional.empty();
    }

    private static List<Outcome> ordered(Plan plan, List<Outcome> outcomes) {
        Map<ResourceId, Outcome> byId = new HashMap<>();
        outcomes.forEach(o -> byId.put(o.id(), o));
        return plan.changes().stream().map(c -> byId.get(c.id())).filter(Objects::nonNull).toList();
    }
}
