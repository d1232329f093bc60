package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.gitops.engine.report.DeploymentsHtml;
import io.jenkins.plugins.gitops.engine.report.MetricsHtml;
import io.jenkins.plugins.gitops.engine.report.StepRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The per-job deployments view: every environment the job deploys, its last apply and drift status, its DORA
 * figures, the history and the trends. It reads what the builds' {@link GitopsPlanAction}s stored, never a target.
 */
public final class GitopsDeploymentsAction implements Action {
    /** Builds read for the view; a job with 10,000 builds must not load them all to draw a page. */
    static final int BUILDS = 100;

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
     * What one showing of the page reads: the builds are read once, when the page takes its snapshot, not once per
     * part of the page.
     */
    public Snapshot getSnapshot() {
        List<StepRecord> records = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS)) {
            for (GitopsPlanAction action : run.getActions(GitopsPlanAction.class)) {
                records.add(action.record());
            }
        }
        return new Snapshot(records);
    }

    /** The parts of the page, each rendered (and escaped) by the engine from every step call of the latest builds. */
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

        /** Numbers and build labels only, for the trend charts' script (escaped by Jelly in its attribute). */
        public String getChartJson() {
            return DeploymentsHtml.chartJson(records);
        }
    }

    /** Shown only on jobs that have run a GitOps step, so other jobs keep their side panel as it was. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Run<?, ?> last = target.getLastBuild();
            for (Run<?, ?> run = last; run != null && last.getNumber() - run.getNumber() < 10;
                    run = run.getPreviousBuild()) {
                if (!run.getActions(GitopsPlanAction.class).isEmpty()) {
                    return List.of(new GitopsDeploymentsAction((Job<?, ?>) target));
                }
            }
            return List.of();
        }
    }
}
