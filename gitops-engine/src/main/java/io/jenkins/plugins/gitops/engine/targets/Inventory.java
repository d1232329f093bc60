package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the engine owns in a target (prune deletes only these) and its history (applies, failed ones included, and
 * recorded verifies), newest last.
 */
public record Inventory(SortedSet<ResourceId> resources, List<Revision> history) {
    public static final Inventory EMPTY = new Inventory(new TreeSet<>(), List.of());
    /** How many history entries a target keeps unless told otherwise; the oldest go first. */
    public static final int DEFAULT_HISTORY_LIMIT = 1000;

    public Inventory {
        resources = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(resources));
        history = List.copyOf(history);
    }

    /** The revision the target holds: the last successful apply. */
    public Optional<Revision> current() {
        return lastApplied(history);
    }

    /** The last successful apply among {@code entries}, oldest first. */
    public static Optional<Revision> lastApplied(List<Revision> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Revision r = entries.get(i);
            if (r.event() == Revision.Event.APPLY && r.result() == Revision.Result.SUCCEEDED) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether applying {@code commit} after {@code entries} (oldest first) rolls back: the commit was applied
     * successfully before, and is not the one applied last. Only the kept history is known, so a rollback to a
     * revision older than it reads as a new revision.
     */
    public static boolean isRollback(List<Revision> entries, String commit) {
        Optional<Revision> last = lastApplied(entries);
        return last.isPresent() && !last.get().commit().equals(commit) && entries.stream()
                .anyMatch(r -> r.event() == Revision.Event.APPLY && r.result() == Revision.Result.SUCCEEDED
                        && r.commit().equals(commit));
    }

    /** This inventory with only the newest {@code keep} history entries. */
    public Inventory newest(int keep) {
        return new Inventory(resources, history.subList(Math.max(0, history.size() - keep), history.size()));
    }

    /** This inventory with a revision appended, keeping the newest {@code keep}. */
    public Inventory withRevision(SortedSet<ResourceId> owned, Revision revision, int keep) {
        List<Revision> h = new ArrayList<>(history);
        h.add(revision);
        return new Inventory(owned, h.subList(Math.max(0, h.size() - keep), h.size()));
    }
}
