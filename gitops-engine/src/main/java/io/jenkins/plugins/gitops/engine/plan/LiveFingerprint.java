package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One digest over what a plan was decided from in the target: the live version of every resource it
 * touches or compared, and the set of resources the inventory says we own (which decides what is pruned
 * and what stays owned). If any of it changes between plan and apply (a hand edit, another apply), the
 * fingerprint changes and the plan is stale.
 */
public final class LiveFingerprint {
    private LiveFingerprint() {
    }

    public static String of(Collection<ResourceId> owned, Collection<Change> changes) {
        String versions = changes.stream().sorted(Comparator.comparing(Change::id))
                .map(c -> c.id() + "=" + (c.liveVersion() == null ? "absent" : c.liveVersion()))
                .collect(Collectors.joining("\n"));
        String inventory = owned.stream().sorted().map(ResourceId::toString).collect(Collectors.joining("\n"));
        return Canonical.sha256(versions + "\n--- owned\n" + inventory);
    }

    static String of(Collection<ResourceId> owned, Collection<Change> applies, Collection<Change> deletes) {
        return of(owned, Stream.concat(applies.stream(), deletes.stream()).toList());
    }
}
