package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the engine owns in a target (prune deletes only these) and the applied revisions, newest last.
 */
public record Inventory(SortedSet<ResourceId> resources, List<Revision> history) {
    public static final Inventory EMPTY = new Inventory(new TreeSet<>(), List.of());

    public Inventory {
        resources = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(resources));
        history = List.copyOf(history);
    }

    public Optional<Revision> current() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** This inventory with a revision appended, keeping the newest {@code keep}. */
    public Inventory withRevision(SortedSet<ResourceId> owned, Revision revision, int keep) {
        List<Revision> h = new ArrayList<>(history);
        h.add(revision);
        return new Inventory(owned, h.subList(Math.max(0, h.size() - keep), h.size()));
    }
}
