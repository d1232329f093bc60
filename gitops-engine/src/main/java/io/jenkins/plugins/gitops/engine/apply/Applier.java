package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.plan.Waves;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ProgressCounter;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.LiveFingerprint;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.EmptyDesiredState;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.TargetIds;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Carries out a plan on a target, exactly as reviewed: under the target's lock, only if the desired state
 * and the live objects are still those the plan was made from; in waves, each wave in parallel up to a
 * bound; prune only after everything else succeeded; then the inventory and history.
 */
public final class Applier {
    private final Target target;
    private final Progress progress;
    private final Clock clock;
    private final DiffMode diffMode;

    public Applier(Target target, Progress progress, Clock clock) {
        this(target, progress, clock, DiffMode.CLIENT);
    }

    /** {@code diffMode} is how {@link #planAndApply} plans; a saved plan was made with its own. */
    public Applier(Target target, Progress progress, Clock clock, DiffMode diffMode) {
        this.target = target;
        this.progress = progress;
        this.clock = clock;
        this.diffMode = diffMode;
    }

    /** Applies a saved plan. {@code env} is the same source re-rendered now; it must match the plan. */
    public ApplyResult apply(Plan plan, Environment env, ApplyOptions options) {
        checkSameSource(plan, env);
        EmptyDesiredState.check(env, plan.changes(), options.allowEmpty());
        try (LockKeeper lock = LockKeeper.acquire(target, LockKeeper.holder(options.user()), options, progress)) {
            Map<ResourceId, LiveObject> live = target.read(plan.changes().stream().map(Change::id).toList());
            checkLiveUnchanged(plan, live);
            State state = State.read(target, env);
            checkConsistent(plan, state, live);
            checkInventoryUnchanged(plan, state);
            return execute(plan, env, state, options, lock);
        }
    }

    /** Plans and applies in one go under one lock ({@code --auto-approve}): nothing can change in between. */
    public ApplyResult planAndApply(Environment env, boolean prune, ApplyOptions options) {
        try (LockKeeper lock = LockKeeper.acquire(target, LockKeeper.holder(options.user()), options, progress)) {
            Plan plan = new Planner(target, progress, clock, diffMode).plan(env, prune, options.allowEmpty());
            return execute(plan, env, State.read(target, env), options, lock);
        }
    }

    private void checkSameSource(Plan plan, Environment env) {
        if (!plan.target().equals(target.identity())) {
            throw new StalePlanException("the plan was made for target " + plan.target() + ", not " + target.identity()
                    + "; nothing was applied. Apply it to the target it was made for, or make a new plan");
        }
        if (!plan.commit().equals(env.commit()) || !plan.path().equals(env.path())) {
            throw new StalePlanException("the plan is for commit " + plan.commit() + " path '" + plan.path()
                    + "', but the source resolves to commit " + env.commit() + " path '" + env.path()
                    + "'; nothing was applied", Remedy.of(Remedy.Kind.REF, plan.commit()));
        }
        if (!plan.desiredDigest().equals(env.desired().digest())) {
            throw new StalePlanException("the desired state of commit " + shortId(plan.commit())
                    + " renders differently now than when it was planned (digest " + env.desired().digest()
                    + ", plan has " + plan.desiredDigest() + "); nothing was applied",
                    Remedy.of(Remedy.Kind.VARIABLES));
        }
    }

    private void checkLiveUnchanged(Plan plan, Map<ResourceId, LiveObject> live) {
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
            int shown = Math.min(changed.size(), 20);
            throw new StalePlanException("the plan is stale: " + changed.size() + " live resource(s) changed after it"
                    + " was made at " + plan.createdAt() + ": " + String.join(", ", changed.subList(0, shown))
                    + (changed.size() > shown ? ", ..." : "") + ". Nothing was applied; make a new plan and review it");
        }
    }

    /**
     * With the versions equal and the changes consistent, the fingerprint can still differ through the
     * inventory: another apply took or gave up ownership, which changes what this plan would prune and own.
     */
    private void checkInventoryUnchanged(Plan plan, State state) {
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
    private void checkConsistent(Plan plan, State state, Map<ResourceId, LiveObject> live) {
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
                    + " and the target's inventory (" + String.join(", ", wrong.subList(0, Math.min(20, wrong.size())))
                    + (wrong.size() > 20 ? ", ..." : "") + "); it was altered or made for another state."
                    + " Nothing was applied; make a new plan");
        }
    }

    private ApplyResult execute(Plan plan, Environment env, State state, ApplyOptions options, LockKeeper lock) {
        Map<ResourceId, Resource> desired = state.desired();
        Inventory before = state.inventory();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Change> applies = plan.changes().stream()
                .filter(c -> c.action() == Action.CREATE || c.action() == Action.UPDATE).toList();
        List<Change> deletes = plan.changes().stream().filter(c -> c.action() == Action.DELETE).toList();
        plan.changes().stream().filter(c -> c.action() == Action.NOOP)
                .forEach(c -> outcomes.add(new Outcome(c.id(), c.action(), Outcome.Status.UNCHANGED, null)));

        // Refuse before the first write what could not be recorded after the last (an inventory over its limit).
        TreeSet<ResourceId> projected = new TreeSet<>(state.owned());
        projected.addAll(desired.keySet());
        target.checkInventory(new Inventory(projected, before.history()));

        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "gitops-apply");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean interrupted = new AtomicBoolean();
        try {
            boolean ok = runWaves(Waves.group(applies, Change::id, c -> Waves.waveOf(desired.get(c.id()))),
                    c -> target.apply(desired.get(c.id())), "apply", pool, lock, outcomes, interrupted);
            if (ok && plan.prune()) {
                List<List<Change>> deleteWaves = new ArrayList<>(Waves.group(deletes, Change::id, c -> 0));
                Collections.reverse(deleteWaves);
                ok = runWaves(deleteWaves, c -> target.delete(c.id()), "prune", pool, lock, outcomes, interrupted);
            } else if (!deletes.isEmpty()) {
                deletes.forEach(c -> outcomes.add(new Outcome(c.id(), c.action(), Outcome.Status.SKIPPED, null)));
                if (!ok) {
                    progress.warn("nothing was pruned because the apply " + (interrupted.get() ? "was interrupted"
                            : "failed"));
                }
            }
            lock.confirm(interrupted);
            Revision revision = record(plan, env, state, options, outcomes, ok);
            return new ApplyResult(plan, ordered(plan, outcomes), revision);
        } finally {
            pool.shutdownNow();
            if (interrupted.get()) {
                Thread.currentThread().interrupt(); // the caller (an aborted build) still learns of it
            }
        }
    }

    /**
     * Runs waves in order, a wave's members in parallel; after a wave with a failure, later waves are skipped.
     * An interrupt (an aborted build) skips what has not started and waits for what has, so every outcome is
     * known before the inventory is recorded and the lock released.
     */
    private boolean runWaves(List<List<Change>> waves, Consumer<Change> work, String phase, ExecutorService pool,
            LockKeeper lock, List<Outcome> outcomes, AtomicBoolean interrupted) {
        int total = waves.stream().mapToInt(List::size).sum();
        ProgressCounter counter = new ProgressCounter(progress, phase, total);
        boolean ok = true;
        for (List<Change> wave : waves) {
            if (!ok || interrupted.get()) {
                ok = false;
                wave.forEach(c -> outcomes.add(new Outcome(c.id(), c.action(), Outcome.Status.SKIPPED, null)));
                continue;
            }
            lock.confirm(interrupted);
            List<Future<Outcome>> futures = new ArrayList<>(wave.size());
            for (Change c : wave) {
                futures.add(pool.submit(() -> {
                    if (interrupted.get()) {
                        return new Outcome(c.id(), c.action(), Outcome.Status.SKIPPED, null);
                    }
                    Outcome outcome;
                    try {
                        work.accept(c);
                        outcome = new Outcome(c.id(), c.action(), Outcome.Status.DONE, null);
                    } catch (RuntimeException e) {
                        outcome = Outcome.failed(c, describe(c.id(), e),
                                e instanceof GitopsException g ? g.remedy().orElse(null) : null);
                    }
                    counter.step();
                    return outcome;
                }));
            }
            for (Future<Outcome> f : futures) {
                Outcome outcome = join(f, interrupted);
                outcomes.add(outcome);
                ok &= outcome.status() == Outcome.Status.DONE;
            }
        }
        return ok;
    }

    private Revision record(Plan plan, Environment env, State state, ApplyOptions options, List<Outcome> outcomes,
            boolean ok) {
        Inventory before = state.inventory();
        TreeSet<ResourceId> owned = new TreeSet<>(state.owned());
        List<Outcome> snapshot;
        synchronized (outcomes) {
            snapshot = List.copyOf(outcomes);
        }
        if (ok) {
            // Everything desired is ours now; orphans were pruned, or kept by annotation and given up.
            if (plan.prune()) {
                owned.clear();
            }
            owned.addAll(state.desired().keySet());
        } else {
            // Keep owning what we created, so a later apply can prune it; give up only what we deleted.
            for (Outcome o : snapshot) {
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
        owned = owned.stream().map(target::canonical).collect(Collectors.toCollection(TreeSet::new));
        Inventory after = revision == null ? new Inventory(owned, before.history())
                : before.withRevision(owned, revision, options.historyLimit());
        if (!after.equals(before)) {
            target.writeInventory(after);
        }
        return revision;
    }

    private static List<Outcome> ordered(Plan plan, List<Outcome> outcomes) {
        Map<ResourceId, Outcome> byId = new HashMap<>();
        synchronized (outcomes) {
            outcomes.forEach(o -> byId.put(o.id(), o));
        }
        return plan.changes().stream().map(c -> byId.get(c.id())).filter(Objects::nonNull).toList();
    }

    /**
     * What an apply starts from, read once under the lock: the desired resources and the inventory, both under
     * the target's canonical ids.
     */
    private record State(Map<ResourceId, Resource> desired, Inventory inventory, SortedSet<ResourceId> owned) {
        static State read(Target target, Environment env) {
            Inventory inventory = target.readInventory();
            return new State(TargetIds.desired(target, env.desired()), inventory, TargetIds.owned(target, inventory));
        }
    }

    private static String describe(ResourceId id, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof GitopsException ? message : id + ": " + message;
    }

    /**
     * The task's outcome, waiting for it even when interrupted: a task that starts after the interrupt skips
     * itself, one already writing finishes, so its outcome is true.
     */
    private static Outcome join(Future<Outcome> f, AtomicBoolean interrupted) {
        while (true) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                interrupted.set(true);
            } catch (ExecutionException e) {
                throw new IllegalStateException("apply tasks catch their own failures", e.getCause());
            }
        }
    }

    private static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
