package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.pages.PageLinks;
import io.jenkins.plugins.gitops.pages.Phase;
import io.jenkins.plugins.gitops.pages.PlanHtml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The first view of a plan on the build page, as the plugin serves it: read the saved plan file, then the
 * header, the first page of changes ({@value #PAGE_SIZE} per page, as the plugin's plan page; diffs are
 * fetched per resource when opened) and one opened diff.
 */
final class HtmlBench {
    static final int PAGE_SIZE = 50;

    private HtmlBench() {
    }

    record Result(Samples time, int bytes, int changes) {
    }

    /** The plan creates every resource of {@code env} in an empty target: one change, with its diff, each. */
    static Result run(Environment env, Path work, int warmup, int runs) {
        Plan plan = new Planner(new DirectoryTarget(work.resolve("empty-target")), Progress.NONE, Clock.systemUTC())
                .plan(env, Pruning.ON);
        Path file = work.resolve("plan.json");
        PlanFile.write(plan, file);
        int[] bytes = new int[1];
        Samples time = Samples.measure(warmup, runs, () -> firstView(file),
                html -> bytes[0] = html.getBytes(StandardCharsets.UTF_8).length);
        return new Result(time, bytes[0], plan.changes().size());
    }

    private static String firstView(Path planFile) {
        Plan plan = PlanFile.read(planFile);
        return PlanHtml.header(plan, Phase.PLAN, PageLinks.NONE)
                + PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(null, "", 1, PAGE_SIZE))
                // A reviewer opens one diff: one small request.
                + PlanHtml.diff(plan, 0, Phase.PLAN);
    }
}
