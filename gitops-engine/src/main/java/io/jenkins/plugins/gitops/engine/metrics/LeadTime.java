package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.source.CommitTime;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long a change took from commit to environment.
 *
 * @param events        the commits measured (each once, at the deployment that first brought it)
 * @param deployments   the deployments whose commits were measured
 * @param withoutBase   deployments with no earlier applied revision to compare with (the first one recorded)
 * @param unresolved    deployments whose commits the repository does not have
 * @param medianSeconds the median lead time, null without events
 * @param p90Seconds    the 90th percentile, null without events
 */
public record LeadTime(String definition, List<String> counted, int events, int deployments, int withoutBase,
        int unresolved, @Nullable Long medianSeconds, @Nullable Long p90Seconds) {
    static final String DEFINITION = "For every commit a deployment brought (reachable from the applied commit and"
            + " from no commit applied before it, changing a file that renders into the environment: its directory, the"
            + " bases and files its kustomization reads, its charts, as of the newest applied commit), the time from"
            + " the commit (committer time) to the end of the apply; median and 90th percentile by nearest rank.";
    static final List<String> COUNTED = List.of("apply SUCCEEDED with changed > 0, not a rollback, with an earlier"
            + " applied revision", "its commits changing files that render into the environment, each counted once");

    public LeadTime {
        counted = List.copyOf(counted);
    }

    /** One commit's lead time, at the time it was deployed. */
    record Sample(Instant deployedAt, Duration leadTime) {
    }

    /** The figure, and its samples for the daily series. */
    record Measured(LeadTime figure, List<Sample> samples) {
    }

    static Measured measure(Timeline timeline, CommitLog log, MetricsOptions options) {
        List<Sample> samples = new ArrayList<>();
        int deployments = 0;
        int withoutBase = 0;
        int unresolved = 0;
        for (int i = 0; i < timeline.size(); i++) {
            Revision r = timeline.get(i);
            if (!r.deployed() || !options.covers(r.appliedAt()) || timeline.rollback(i)) {
                continue;
            }
            List<String> before = timeline.appliedBefore(i);
            if (before.isEmpty()) {
                withoutBase++;
                continue;
            }
            if (before.get(0).equals(r.commit())) {
                continue; // the same commit again (restoring drift, say): it brought no commit
            }
            Optional<List<CommitTime>> brought = log.brought(r.commit(), before, r.path());
            if (brought.isEmpty()) {
                unresolved++;
                continue;
            }
            deployments++;
            for (CommitTime c : brought.get()) {
                // A committer clock ahead of the applying machine's is no negative lead time.
                Duration lead = Duration.between(c.committedAt(), r.appliedAt());
                samples.add(new Sample(r.appliedAt(), lead.isNegative() ? Duration.ZERO : lead));
            }
        }
        List<Duration> leads = samples.stream().map(Sample::leadTime).toList();
        return new Measured(new LeadTime(DEFINITION, COUNTED, samples.size(), deployments, withoutBase, unresolved,
                Percentiles.median(leads), Percentiles.p90(leads)), samples);
    }
}
