package io.jenkins.plugins.gitops.engine.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One UTC day of the period, for a chart over time: the same events as the four figures, by the day they happened
 * (a deployment's lead times on the day it was deployed, an incident on the day it began).
 *
 * @param date                   the UTC day, {@code yyyy-MM-dd}
 * @param deployments            successful applies that changed something
 * @param attempts               deployments and failed applies
 * @param failed                 attempts counted as failed by the change failure rate
 * @param leadTimeMedianSeconds  median lead time of the commits deployed that day, null without any
 * @param incidents              incidents that began that day
 * @param restoreMedianSeconds   median time to restore of those restored, null without any
 */
public record DailyMetrics(String date, int deployments, int attempts, int failed,
        @Nullable Long leadTimeMedianSeconds, int incidents, @Nullable Long restoreMedianSeconds) {

    static List<DailyMetrics> series(MetricsOptions options, Timeline timeline, LeadTime.Measured lead,
            ChangeFailureRate.Measured failures, TimeToRestore restore) {
        List<DailyMetrics> days = new ArrayList<>();
        LocalDate last = day(options.until().minusNanos(1));
        for (LocalDate d = day(options.since()); !d.isAfter(last); d = d.plusDays(1)) {
            LocalDate on = d;
            Predicate<Instant> that = t -> day(t).equals(on) && options.covers(t);
            int deployments = (int) timeline.entries().stream()
                    .filter(r -> r.deployed() && that.test(r.appliedAt())).count();
            List<ChangeFailureRate.Attempt> attempts = failures.attempts().stream().filter(a -> that.test(a.at()))
                    .toList();
            List<Incident> incidents = restore.incidents().stream().filter(x -> that.test(x.start())).toList();
            days.add(new DailyMetrics(on.toString(), deployments, attempts.size(),
                    (int) attempts.stream().filter(ChangeFailureRate.Attempt::failed).count(),
                    Percentiles.median(select(lead.samples(), s -> that.test(s.deployedAt()), LeadTime.Sample::leadTime)),
                    incidents.size(), Percentiles.median(select(incidents, Incident::restored,
                            x -> Duration.ofSeconds(x.seconds())))));
        }
        return days;
    }

    private static <T> List<Duration> select(List<T> items, Predicate<T> which, Function<T, Duration> value) {
        return items.stream().filter(which).map(value).toList();
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
