package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One environment's history up to the end of the period, in the order it was recorded (under the target's lock, so
 * in the order things happened even when the agents' clocks disagree). Entries before the period still matter:
 * they are the revisions a deployment in the period replaced or rolled back to.
 */
final class Timeline {
    private final List<Revision> entries;
    private final boolean[] rollback;
    private final String[] current;
    /** The index of each commit's first successful apply. */
    private final Map<String, Integer> firstApplied = new HashMap<>();

    Timeline(List<Revision> history, Instant until) {
        this.entries = history.stream().filter(r -> r.appliedAt().isBefore(until)).toList();
        this.rollback = new boolean[entries.size()];
        this.current = new String[entries.size()];
        String applied = null;
        for (int i = 0; i < entries.size(); i++) {
            Revision r = entries.get(i);
            current[i] = applied;
            // Entries recorded before the flag existed are recognised as the apply recognises them now
            // (Inventory.isRollback), in one pass rather than one scan of the entries before each.
            rollback[i] = r.deployed() && (r.rollback()
                    || applied != null && !applied.equals(r.commit()) && firstApplied.containsKey(r.commit()));
            if (r.event() == Revision.Event.APPLY && r.result() == Revision.Result.SUCCEEDED) {
                applied = r.commit();
                firstApplied.putIfAbsent(applied, i);
            }
        }
    }

    List<Revision> entries() {
        return entries;
    }

    Revision get(int i) {
        return entries.get(i);
    }

    int size() {
        return entries.size();
    }

    boolean rollback(int i) {
        return rollback[i];
    }

    /**
     * A verify of the revision applied at the time. A verify of another commit compares the target with changes
     * not applied yet: its drift is pending work, not a failure of the environment.
     */
    boolean verifiesApplied(int i) {
        Revision r = entries.get(i);
        return r.event() == Revision.Event.VERIFY && r.commit().equals(current[i]);
    }

    /** A deployment or a failed apply: what the change failure rate counts. */
    boolean attempt(int i) {
        Revision r = entries.get(i);
        return r.deployed() || r.event() == Revision.Event.APPLY && r.result() == Revision.Result.FAILED;
    }

    /** Whether {@code commit} was applied successfully before entry {@code i}. */
    boolean appliedBefore(int i, String commit) {
        Integer first = firstApplied.get(commit);
        return first != null && first < i;
    }

    /** The commits applied successfully before entry {@code i}, newest first, each once. */
    List<String> appliedBefore(int i) {
        LinkedHashSet<String> commits = new LinkedHashSet<>();
        for (int j = i - 1; j >= 0; j--) {
            Revision r = entries.get(j);
            if (r.event() == Revision.Event.APPLY && r.result() == Revision.Result.SUCCEEDED) {
                commits.add(r.commit());
            }
        }
        return new ArrayList<>(commits);
    }
}
