package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.TargetIds;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LockLostException;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the target's inventory true while an apply writes, so every object the engine ever wrote is owned,
 * even if the run is killed or fails half way: before the first wave writes, every object the apply is about to
 * create or update is recorded as owned (write-ahead); at the end, the inventory is made exact and the revision
 * is recorded.
 * A store that {@linkplain io.jenkins.plugins.gitops.engine.targets.Capabilities#stagesWrites() stages writes}
 * lands them with the final inventory, as one change, and only if every write succeeded: it needs no
 * write-ahead, and a failed apply lands nothing. Not thread-safe: the apply's own thread calls it between waves.
 */
final class InventoryRecorder implements WaveRunner.WaveListener {
    private static final Logger LOG = System.getLogger(InventoryRecorder.class.getName());
    private final Target target;
    private final Clock clock;
    private final LockKeeper lock;
    private final boolean staged;
    /** What the apply creates or updates: owned before the first of it is written. */
    private final Set<ResourceId> writes;
    /** The inventory as it is in the target now. */
    private Inventory current;

    /** {@code writes}: the plan's creates and updates (not its runs: a run-once hook is never owned). */
    InventoryRecorder(Target target, Clock clock, LockKeeper lock, ApplyState state, List<Change> writes) {
        this.target = target;
        this.clock = clock;
        this.lock = lock;
        this.staged = target.capabilities().stagesWrites();
        this.writes = writes.stream().map(Change::id).collect(Collectors.toUnmodifiableSet());
        this.current = state.inventory();
    }

    /** Refuses before the first write what could not be recorded after the last (an inventory over its limit). */
    void checkRecordable(ApplyState state) {
        TreeSet<ResourceId> projected = new TreeSet<>(state.owned());
        projected.addAll(state.managed());
        target.checkInventory(new Inventory(projected, state.inventory().history()));
    }

    /**
     * Write-ahead: the apply's objects are owned before the first of them is written, all of them in the first
     * wave's write rather than each wave's in its own, because every write sends the whole inventory (history
     * included, up to 1 MB in a ConfigMap) and waits for it. A run killed between waves so leaves objects owned
     * that it never wrote: the next plan creates them, or finds nothing to delete, and the next apply's record
     * makes the inventory exact. A staging store shows nothing of the wave before the final record, so there is
     * nothing to own ahead (and a write would land the inventory alone).
     */
    @Override
    public void beforeWave(List<Change> wave) {
        if (staged || current.resources().containsAll(writes)) {
            return;
        }
        TreeSet<ResourceId> owned = new TreeSet<>(current.resources());
        owned.addAll(writes);
        write(new Inventory(owned, current.history()));
    }

    /**
     * What the wave wrote is remembered by the target at once (the directory's index of applied files). That
     * index only saves parsing: if it cannot be saved now, the final record tries again.
     */
    @Override
    public void afterWave(List<Outcome> done) {
        try {
            lock.checkLease();
            target.flush();
        } catch (LockLostException e) {
            throw lock.lockLost(e);
        } catch (TargetException e) {
            // a cache; see above
            LOG.log(Level.DEBUG, () -> "the target's cache of what the wave wrote was not saved; the final record"
                    + " tries again", e);
        }
    }

    /**
     * Writes the final inventory and the history entry (see {@link HistoryEntries}). The result's revision is the
     * entry of a successful apply, null when the apply failed or left no entry; a failure to record (a full disk) is
     * returned in the result, after every outcome, not thrown. A staging store is recorded by {@link #recordStaged},
     * or not at all after a failure: its one write would land what the failure held back, so the failure is not
     * in its history.
     */
    ApplyResult record(Plan plan, Environment env, ApplyState state, ApplyOptions options, List<Outcome> outcomes,
            boolean ok, boolean interrupted) {
        if (staged) {
            return ok ? recordStaged(plan, env, state, options, outcomes)
                    : new ApplyResult(plan, heldBack(outcomes), null);
        }
        Set<ResourceId> owned = ok ? ownedAfterSuccess(plan, state) : ownedAfterFailure(state, outcomes);
        Optional<Revision> entry = HistoryEntries.of(plan, state.inventory(), options, outcomes, ok, interrupted,
                env.desired().resources().size(), clock.instant());
        Revision revision = ok ? entry.orElse(null) : null;
        Inventory after = inventoryAfter(state, owned, entry.orElse(null), options);
        try {
            lock.checkLease();
            target.flush();
            if (!after.equals(current)) {
                write(after);
            }
        } catch (LockLostException e) {
            throw lock.lockLost(e);
        } catch (TargetException e) {
            return new ApplyResult(plan, outcomes, null, e.getMessage());
        }
        return new ApplyResult(plan, outcomes, revision);
    }

    /**
     * The final inventory of a staging store, written even when it is unchanged if anything was staged: the
     * write is what lands the staged changes. A failure to land them is the apply's failure and is thrown:
     * nothing was written.
     */
    private ApplyResult recordStaged(Plan plan, Environment env, ApplyState state, ApplyOptions options,
            List<Outcome> outcomes) {
        Revision revision = HistoryEntries.of(plan, state.inventory(), options, outcomes, true, false,
                env.desired().resources().size(), clock.instant()).orElse(null);
        Inventory after = inventoryAfter(state, ownedAfterSuccess(plan, state), revision, options);
        if (!after.equals(current) || outcomes.stream().anyMatch(Outcome::changedTarget)) {
            write(after);
        }
        return new ApplyResult(plan, outcomes, revision);
    }

    /** A staging store lands nothing of a failed apply: what was staged is reported as not written. */
    private static List<Outcome> heldBack(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> o.status() == Outcome.Status.DONE
                ? new Outcome(o.id(), o.action(), Outcome.Status.SKIPPED, null) : o).toList();
    }

    /** Everything desired is ours now; orphans were pruned, or kept by annotation and given up. */
    private static Set<ResourceId> ownedAfterSuccess(Plan plan, ApplyState state) {
        TreeSet<ResourceId> owned = new TreeSet<>(plan.prune() ? Set.of() : state.owned());
        owned.addAll(state.managed());
        return owned;
    }

    /** The inventory owning {@code owned}, with {@code entry} added to the history unless null. */
    private Inventory inventoryAfter(ApplyState state, Set<ResourceId> owned, Revision entry, ApplyOptions options) {
        // Kinds whose CRD this apply installed have canonical ids only now.
        TreeSet<ResourceId> canonical = owned.stream().map(id -> TargetIds.canonical(target, id))
                .collect(Collectors.toCollection(TreeSet::new));
        Inventory before = state.inventory();
        return entry == null ? new Inventory(canonical, before.history())
                : before.withRevision(canonical, entry, options.historyLimit());
    }

    /** Keep owning what we wrote, so a later apply can prune it; give up only what we deleted. */
    private Set<ResourceId> ownedAfterFailure(ApplyState state, List<Outcome> outcomes) {
        TreeSet<ResourceId> owned = new TreeSet<>(state.owned());
        for (Outcome o : outcomes) {
            if (o.status() == Outcome.Status.DONE && o.action() != Action.RUN) {
                if (o.action() == Action.DELETE) {
                    owned.remove(o.id());
                } else {
                    owned.add(o.id());
                }
            }
        }
        owned.addAll(failedButWritten(outcomes));
        return owned;
    }

    /** A failed write may still have taken effect (a timeout after the server stored it): owned if it exists. */
    private Set<ResourceId> failedButWritten(List<Outcome> outcomes) {
        List<ResourceId> failed = outcomes.stream()
                .filter(o -> o.status() == Outcome.Status.FAILED && o.action() != Action.DELETE && o.action() != Action.RUN)
                .map(Outcome::id).toList();
        if (failed.isEmpty()) {
            return Set.of();
        }
        try {
            return target.read(failed).keySet();
        } catch (TargetException e) {
            return Set.copyOf(failed); // unreadable: owning an object that may not exist costs nothing
        }
    }

    private void write(Inventory inventory) {
        lock.checkLease();
        try {
            target.writeInventory(inventory);
        } catch (LockLostException e) {
            throw lock.lockLost(e);
        }
        current = inventory;
    }
}
