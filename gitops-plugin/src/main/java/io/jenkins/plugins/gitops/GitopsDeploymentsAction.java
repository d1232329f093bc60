package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.gitops.pages.DeploymentsHtml;
import io.jenkins.plugins.gitops.pages.MetricsHtml;
import io.jenkins.plugins.gitops.pages.StepRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;

/**
 * The per-job deployments view: every environment the job deploys, its last apply and drift status, its DORA
 * figures, the history and the trends. It reads what the builds' {@link GitopsPlanAction}s stored, never a target.
 * The job shows it when its last successful build ran a GitOps step: that build's first step call contributes it
 * ({@link jenkins.tasks.SimpleBuildStep.LastBuildAction}); else while one of the builds the view reads did
 * ({@link Factory}). No lookup of the job's actions walks its builds more than once per new build.
 */
public final class GitopsDeploymentsAction implements Action {
    /** Builds read for the view; a job with 10,000 builds must not load them all to draw a page. */
    static final int BUILDS = 100;
    /** The last snapshot of each job; a deleted job's entry goes with it. */
    private static final Map<Job<?, ?>, Cached> CACHE = new WeakHashMap<>();

    private final Job<?, ?> job;

    GitopsDeploymentsAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return GitopsPlanAction.ICON;
    }

    @Override
    public String getDisplayName() {
        return "GitOps deployments";
    }

    @Override
    public String getUrlName() {
        return "gitops";
    }

    /**
     * What one showing of the page reads: the builds are read once per change, not once per request nor once per part
     * of the page. A snapshot is kept until the newest build differs (a new build, a step call that build added, its
     * end), so that a busy job view reads its 100 builds only when there is something new to show.
     */
    public Snapshot getSnapshot() {
        Stamp stamp = Stamp.of(job);
        synchronized (CACHE) {
            Cached cached = CACHE.get(job);
            if (cached != null && cached.stamp().equals(stamp)) {
                return cached.snapshot();
            }
        }
        List<StepRecord> records = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS)) {
            for (GitopsPlanAction action : run.getActions(GitopsPlanAction.class)) {
                records.add(action.record());
            }
        }
        Snapshot snapshot = new Snapshot(records);
        synchronized (CACHE) {
            CACHE.put(job, new Cached(stamp, snapshot));
        }
        return snapshot;
    }

    /** The trends' data, fetched by the page's script once the page shows (numbers and build labels only). */
    public HttpResponse doChartJson() {
        return HttpResponses.plainText(getSnapshot().getChartJson());
    }

    /** What identifies the builds a snapshot read: the newest one, how many step calls it has made, whether it runs. */
    record Stamp(int newest, int calls, boolean building) {
        static Stamp of(Job<?, ?> job) {
            Run<?, ?> last = job.getLastBuild();
            return last == null ? new Stamp(0, 0, false)
                    : new Stamp(last.getNumber(), last.getActions(GitopsPlanAction.class).size(), last.isBuilding());
        }
    }

    private record Cached(Stamp stamp, Snapshot snapshot) {
    }

    /** The parts of the page, each rendered (and escaped) by gitops-pages from every step call of the latest builds. */
    public static final class Snapshot {
        private final List<StepRecord> records;

        Snapshot(List<StepRecord> records) {
            this.records = List.copyOf(records);
        }

        public String getEnvironmentsHtml() {
            return DeploymentsHtml.environmentsTable(records);
        }

        /** Per environment, the four keys and the data of their chart over time (in a data attribute). */
        public String getMetricsHtml() {
            return MetricsHtml.section(records);
        }

        public String getHistoryHtml() {
            return DeploymentsHtml.historyTable(records);
        }

        /** Numbers and build labels only, for the trend charts' script (served by the view's {@code chartJson}). */
        public String getChartJson() {
            return DeploymentsHtml.chartJson(records);
        }
    }

    /**
     * The view while the last successful build did not contribute it but one of the builds the view reads ran a GitOps
     * step: a failed apply, a first build that found drift, or later builds that ran none (a job that deploys only
     * when something changed, builds of other branches of the script). Core's factory asks the last successful build
     * only, so the link vanished after one build without a step; here the builds older than the newest are looked at
     * once per new build, and the answer is kept with the newest build's number.
     */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        /** Per job: the newest build when last looked, and the newest older build that ran a GitOps step (0: none). */
        private static final Map<Job<?, ?>, Seen> SEEN = new WeakHashMap<>();

        private record Seen(int newest, int gitops) {
        }

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Job<?, ?> job = target;
            Run<?, ?> last = job.getLastBuild();
            Run<?, ?> successful = job.getLastSuccessfulBuild();
            boolean contributed = successful != null && !successful.getActions(GitopsPlanAction.class).isEmpty();
            if (last == null || contributed || newestGitopsBuild(job, last) <= last.getNumber() - BUILDS) {
                return List.of();
            }
            return List.of(new GitopsDeploymentsAction(job));
        }

        /** The newest build among the last {@link GitopsDeploymentsAction#BUILDS} that ran a GitOps step, 0 if none. */
        private static int newestGitopsBuild(Job<?, ?> job, Run<?, ?> last) {
            // The newest build may still be adding step calls: always asked (it is loaded anyway), never cached.
            if (!last.getActions(GitopsPlanAction.class).isEmpty()) {
                return last.getNumber();
            }
            Seen seen;
            synchronized (SEEN) {
                seen = SEEN.get(job);
            }
            if (seen != null && seen.newest() == last.getNumber()) {
                return seen.gitops();
            }
            // Only the builds that came since the last look (from the newest then, included), at most BUILDS of them.
            int found = seen == null ? 0 : seen.gitops();
            int from = seen == null ? 0 : seen.newest();
            Run<?, ?> run = last.getPreviousBuild();
            for (int n = 1; run != null && run.getNumber() >= from && n < BUILDS; n++, run = run.getPreviousBuild()) {
                if (!run.getActions(GitopsPlanAction.class).isEmpty()) {
                    found = Math.max(found, run.getNumber());
                    break;
                }
            }
            synchronized (SEEN) {
                SEEN.put(job, new Seen(last.getNumber(), found));
            }
            return found;
        }
    }
}
