package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.report.Escape;
import io.jenkins.plugins.gitops.engine.report.Labels;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-job deployments view: every environment the job deploys with its last apply and its drift
 * status from the last verify, the history of applies and verifies, and the data of the trend charts. It
 * is made from what the builds stored, newest first, so opening it asks no target anything.
 */
public final class DeploymentsHtml {
    /** Rows of the history table; older calls are in the builds themselves. */
    static final int HISTORY_ROWS = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One environment: its latest apply (successful or not) and latest verify, either possibly absent. */
    public record Environment(String name, String target, Optional<StepRecord> lastApplied,
            Optional<StepRecord> lastApply, Optional<StepRecord> lastVerify) {
    }

    private DeploymentsHtml() {
    }

    /** Environments by target, in the order they were last deployed (newest first). */
    public static List<Environment> environments(List<StepRecord> records) {
        Map<String, List<StepRecord>> byTarget = new LinkedHashMap<>();
        records.stream().sorted(newestFirst())
                .forEach(r -> byTarget.computeIfAbsent(r.target(), t -> new ArrayList<>()).add(r));
        List<Environment> out = new ArrayList<>();
        byTarget.forEach((target, rs) -> out.add(new Environment(rs.get(0).name(), target,
                rs.stream().filter(r -> r.isApply() && r.outcome().success()).findFirst(),
                rs.stream().filter(StepRecord::isApply).findFirst(),
                rs.stream().filter(StepRecord::isVerify).findFirst())));
        return out;
    }

    public static String environmentsTable(List<StepRecord> records) {
        List<Environment> envs = environments(records);
        if (envs.isEmpty()) {
            return "<p class=\"gitops-empty\">No build of this job has run a GitOps step yet.</p>\n";
        }
        StringBuilder out = new StringBuilder("<table class=\"jenkins-table gitops-environments\">\n<thead><tr>")
                .append("<th>Environment</th><th>Target</th><th>Applied commit</th><th>When</th><th>Build</th>")
                .append("<th>By</th><th>Status</th></tr></thead>\n<tbody>\n");
        for (Environment env : envs) {
            out.append("<tr><td>").append(Escape.html(env.name())).append("</td><td><code>")
                    .append(Escape.html(env.target())).append("</code></td>");
            if (env.lastApplied().isPresent()) {
                StepRecord r = env.lastApplied().get();
                out.append("<td><code>").append(Escape.html(Labels.shortCommit(r.commit()))).append("</code></td><td>")
                        .append(time(r.build().time())).append("</td><td>").append(buildLink(r)).append("</td><td>")
                        .append(Escape.html(r.build().user())).append("</td>");
            } else {
                out.append("<td colspan=\"4\">never applied</td>");
            }
            out.append("<td>").append(status(env)).append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    public static String historyTable(List<StepRecord> records) {
        List<StepRecord> rows = records.stream().filter(r -> r.isApply() || r.isVerify()).sorted(newestFirst())
                .limit(HISTORY_ROWS).toList();
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<table class=\"jenkins-table jenkins-table--small gitops-history\">\n")
                .append("<thead><tr><th>Build</th><th>When</th><th>Step</th><th>Environment</th><th>Commit</th>")
                .append("<th>Changes</th><th>By</th><th>Result</th></tr></thead>\n<tbody>\n");
        for (StepRecord r : rows) {
            Phase phase = r.isApply() ? Phase.APPLIED : Phase.VERIFY;
            out.append("<tr><td>").append(buildLink(r)).append("</td><td>").append(time(r.build().time()))
                    .append("</td><td>").append(Escape.html(r.kind())).append("</td><td>").append(Escape.html(r.name()))
                    .append("</td><td><code>").append(Escape.html(Labels.shortCommit(r.commit())))
                    .append("</code></td><td>").append(r.changes().create()).append(' ').append(phase.word(
                            Action.CREATE)).append(", ").append(r.changes().update())
                    .append(' ').append(phase.word(Action.UPDATE)).append(", ")
                    .append(r.changes().delete()).append(' ').append(phase.word(Action.DELETE))
                    .append("</td><td>").append(Escape.html(r.build().user())).append("</td><td>").append(result(r))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /**
     * The trend charts' data as JSON, oldest build first: per build the creates, updates and deletes of its
     * applies, and how many applies failed and succeeded. Only numbers and build labels: nothing in it is
     * markup, and it is escaped for the attribute it is carried in.
     */
    public static String chartJson(List<StepRecord> records) {
        Map<Integer, int[]> perBuild = new TreeMap<>();
        records.stream().filter(StepRecord::isApply).forEach(r -> {
            int[] v = perBuild.computeIfAbsent(r.build().number(), b -> new int[5]);
            v[0] += r.changes().create();
            v[1] += r.changes().update();
            v[2] += r.changes().delete();
            v[r.outcome().success() ? 3 : 4]++;
        });
        StringBuilder builds = new StringBuilder();
        List<StringBuilder> series = List.of(new StringBuilder(), new StringBuilder(), new StringBuilder(),
                new StringBuilder(), new StringBuilder());
        perBuild.forEach((build, v) -> {
            builds.append(builds.isEmpty() ? "" : ",").append("\"#").append(build).append('"');
            for (int i = 0; i < v.length; i++) {
                series.get(i).append(series.get(i).isEmpty() ? "" : ",").append(v[i]);
            }
        });
        return "{\"builds\":[" + builds + "],\"created\":[" + series.get(0) + "],\"updated\":[" + series.get(1)
                + "],\"deleted\":[" + series.get(2) + "],\"succeeded\":[" + series.get(3) + "],\"failed\":["
                + series.get(4) + "]}";
    }

    private static String status(Environment env) {
        if (env.lastApply().isPresent() && !env.lastApply().get().outcome().success() && (env.lastVerify().isEmpty()
                || env.lastVerify().get().build().time().isBefore(env.lastApply().get().build().time()))) {
            return badge("failed", "last apply failed");
        }
        if (env.lastVerify().isEmpty()) {
            return badge("noop", "not verified");
        }
        StepRecord v = env.lastVerify().get();
        if (v.outcome().unhealthy() > 0) {
            return badge("failed", v.outcome().unhealthy() + " unhealthy");
        }
        if (v.outcome().drifted()) {
            return badge("update", "drifted (" + (v.changes().create() + v.changes().update() + v.changes().delete())
                    + ")");
        }
        return badge("create", "in sync") + " <span class=\"gitops-when\">" + time(v.build().time()) + "</span>";
    }

    private static String result(StepRecord r) {
        StepRecord.Outcome outcome = r.outcome();
        if (!outcome.success()) {
            return badge("failed", r.isVerify() && outcome.unhealthy() > 0 ? "unhealthy"
                    : r.isVerify() && outcome.drifted() ? "drift" : "failed");
        }
        return r.isVerify() && outcome.drifted() ? badge("update", "drift") : badge("create", "success");
    }

    private static String badge(String css, String text) {
        return "<span class=\"jenkins-badge gitops-badge gitops-badge--" + css + "\">" + Escape.html(text) + "</span>";
    }

    static String buildLink(StepRecord r) {
        String label = "#" + r.build().number();
        String url = r.build().url();
        return PlanHtml.safeUrl(url) ? "<a href=\"" + Escape.html(url) + "\">" + label + "</a>" : label;
    }

    private static String time(Instant time) {
        return time == null ? "" : TIME.format(time);
    }

    static Comparator<StepRecord> newestFirst() {
        return Comparator.comparing((StepRecord r) -> r.build().time(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> r.build().number(), Comparator.reverseOrder());
    }
}
