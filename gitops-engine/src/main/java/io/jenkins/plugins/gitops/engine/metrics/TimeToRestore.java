package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long the environment took to recover.
 *
 * @param events        the incidents that began in the period and were restored before its end
 * @param open          the incidents that began in the period and were not restored before its end
 * @param medianSeconds median time to restore, null without events
 * @param p90Seconds    90th percentile, null without events
 * @param incidents     every incident that began in the period, oldest first
 */
public record TimeToRestore(String definition, List<String> counted, int events, int open,
        @Nullable Long medianSeconds, @Nullable Long p90Seconds, List<Incident> incidents) {
    static final String DEFINITION = "From a failed apply, or a recorded verify of the applied revision that found"
            + " drift or unhealthy resources, to the next successful apply or clean verify of the applied revision;"
            + " failures while the environment is already failing extend the same incident. Incidents that began"
            + " in the period; median and 90th percentile of the restored ones, by nearest rank.";
    static final List<String> COUNTED = List.of("apply FAILED", "verify DRIFT or UNHEALTHY of the applied revision",
            "apply SUCCEEDED", "verify CLEAN of the applied revision");

    public TimeToRestore {
        counted = List.copyOf(counted);
        incidents = List.copyOf(incidents);
    }

    static TimeToRestore measure(Timeline timeline, MetricsOptions options) {
        List<Incident> incidents = new ArrayList<>();
        Revision failure = null;
        for (int i = 0; i < timeline.size(); i++) {
            Revision e = timeline.get(i);
            boolean apply = e.event() == Revision.Event.APPLY;
            if (!apply && !timeline.verifiesApplied(i)) {
                continue;
            }
            if (failure == null && e.result().failure()) {
                failure = e;
            } else if (failure != null && !e.result().failure()) {
                incidents.add(restored(failure, e));
                failure = null;
            }
        }
        if (failure != null) {
            incidents.add(new Incident(failure.appliedAt(), failure.result().name(), failure.commit(), null, null,
                    null));
        }
        List<Incident> inPeriod = incidents.stream().filter(x -> options.covers(x.start())).toList();
        List<Duration> restores = inPeriod.stream().filter(Incident::restored)
                .map(x -> Duration.ofSeconds(x.seconds())).toList();
        return new TimeToRestore(DEFINITION, COUNTED, restores.size(), inPeriod.size() - restores.size(),
                Percentiles.median(restores), Percentiles.p90(restores), inPeriod);
    }

    private static Incident restored(Revision failure, Revision restore) {
        Duration took = Duration.between(failure.appliedAt(), restore.appliedAt());
        return new Incident(failure.appliedAt(), failure.result().name(), failure.commit(), restore.appliedAt(),
                restore.event().name(), Math.max(0, took.toSeconds()));
    }
}
