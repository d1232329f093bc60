package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One digest over the live version of every resource a plan touches or compared. If any of them changes
 * between plan and apply (a hand edit, another apply), the fingerprint changes and the plan is stale.
 */
public final class LiveFingerprint {
    private LiveFingerprint() {
    }

    @SafeVarargs
    public static String of(Collection<Change>... changes) {
        return Canonical.sha256(Stream.of(changes).flatMap(Collection::stream)
                .sorted(Comparator.comparing(Change::id))
                .map(c -> c.id() + "=" + (c.liveVersion() == null ? "absent" : c.liveVersion()))
                .collect(Collectors.joining("\n")));
    }
}
