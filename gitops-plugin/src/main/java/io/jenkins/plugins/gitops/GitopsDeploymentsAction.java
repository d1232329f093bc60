package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.gitops.engine.report.DeploymentsHtml;
import io.jenkins.plugins.gitops.engine.report.StepRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The per-job deployments view: every environment the job deploys, its last apply and drift status, the
 * history and the trends. It reads what the builds' {@link GitopsPlanAction}s stored, never a target.
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

    /** Every step call of the latest {@value #BUILDS} builds, newest build first. */
    List<StepRecord> records() {
        List<StepRecord> out = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS)) {
            for (GitopsPlanAction action : run.getActions(GitopsPlanAction.class)) {
                out.add(action.record());
            }
        }
        return out;
    }

    public String getEnvironmentsHtml() {
        return DeploymentsHtml.environmentsTable(records());
    }

    public String getHistoryHtml() {
        return DeploymentsHtml.historyTable(records());
    }

    /** Numbers and build labels only, for the trend charts' script (escaped by Jelly in its attribute). */
    public String getChartJson() {
        return DeploymentsHtml.chartJson(records());
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
