package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ThrottledProgress;
import io.jenkins.plugins.gitops.engine.api.ApplyPlanRequest;
import io.jenkins.plugins.gitops.engine.api.ApplyResponse;
import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.Inputs;
import io.jenkins.plugins.gitops.engine.api.MetricsRequest;
import io.jenkins.plugins.gitops.engine.api.PlanAndApplyRequest;
import io.jenkins.plugins.gitops.engine.api.PlanRequest;
import io.jenkins.plugins.gitops.engine.api.PlanResponse;
import io.jenkins.plugins.gitops.engine.api.Recording;
import io.jenkins.plugins.gitops.engine.api.Source;
import io.jenkins.plugins.gitops.engine.api.VerifyRequest;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.report.DiffDetail;
import io.jenkins.plugins.gitops.engine.report.Escape;
import io.jenkins.plugins.gitops.engine.report.PlanText;
import io.jenkins.plugins.gitops.engine.report.VerifyText;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step call on the agent: translates the step's parameters into the engine's use-case request, writes the
 * result to the build log and shapes it for Pipeline and the check. Invalid input and refusals come back as a
 * failed {@link StepResponse} whose message words the remedy as step parameters. An apply (successful or failed)
 * and a verify also report the environment's DORA figures ({@link StepMetrics}).
 */
public final class StepRunner {
    private final PrintStream log;
    private final Gitops gitops;
    private final Clock clock;

    public StepRunner(PrintStream log) {
        this(log, new Gitops(progress(log)), Clock.systemUTC());
    }

    /** With an engine set up by the caller (tests poll health faster), and the clock that ends the figures' period. */
    public StepRunner(PrintStream log, Gitops gitops, Clock clock) {
        this.log = log;
        this.gitops = gitops;
        this.clock = clock;
    }

    /** Progress and warnings for the build log, a dozen lines per phase. */
    public static Progress progress(PrintStream log) {
        return new ThrottledProgress(new Progress() {
            @Override
            public void update(String phase, int done, int total) {
                log.println("[gitops] " + phase + ": " + done + "/" + total);
            }

            @Override
            public void warn(String message) {
                log.println(Escape.printable("[gitops] WARNING: " + message));
            }
        });
    }

    public StepResponse run(StepRequest request) {
        try {
            return switch (request.operation()) {
                case PLAN -> plan(request);
                case APPLY -> apply(request);
                case VERIFY -> verify(request);
            };
        } catch (GitopsException e) {
            SecretMask mask = new SecretMask(request.secretPattern());
            return StepResponse.failed(mask.apply(Escape.printable(StepRemedies.WORDING.message(e))),
                    mask.apply(label(request, savedPlan(request))));
        }
    }

    /**
     * A saved plan is applied as reviewed, at its own commit, even when the checkout has moved on since (a later build
     * of the branch): one line says so, so that a green apply of an older commit is not mistaken for the newer one.
     */
    private void noteNewerCheckout(StepRequest request) {
        Plan saved = request.ref() == null && request.defaultCommit() != null ? savedPlan(request) : null;
        if (saved != null && !saved.commit().equals(request.defaultCommit())) {
            log.println(Escape.printable("[gitops] the plan in " + request.planFileLabel() + " is for commit "
                    + shortId(saved.commit()) + " while the workspace is at " + shortId(request.defaultCommit())
                    + "; applying the plan's commit as reviewed"));
        }
    }

    private static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** The saved plan a refused apply was given, to label the call as its plan, or null when it cannot be read. */
    private static Plan savedPlan(StepRequest request) {
        if (request.operation() != StepRequest.Operation.APPLY || request.planFile() == null) {
            return null;
        }
        try {
            return PlanFile.read(Path.of(request.planFile()));
        } catch (GitopsException e) {
            return null; // the error says why; the plan file's name labels the call
        }
    }

    private static String label(StepRequest request, Plan plan) {
        // Only an apply is named by the plan file it was given: a plan at the root is ".", whatever file it saves.
        return StepLabel.of(request.name(), plan == null ? null : plan.name(), request.path(),
                plan == null ? null : plan.path(),
                request.operation() == StepRequest.Operation.APPLY ? request.planFileLabel() : null);
    }

    private StepResponse plan(StepRequest request) {
        Path out = request.planFile() == null ? null : Path.of(request.planFile());
        PlanResponse response = gitops.plan(new PlanRequest(source(request), inputs(request), request.target().spec(),
                request.diffMode(), Pruning.of(request.prune(), request.allowEmpty()), out, request.buildUrl(),
                request.name()));
        if (out != null) {
            log.println("[gitops] plan saved to " + request.planFileLabel());
        }
        log.print(PlanText.render(response.plan(), request.logDiffs() ? DiffDetail.ALL : DiffDetail.NONE));
        return respond(request, StepResult.of(response.plan(), request.planFileLabel()), new StepPage(response.plan(),
                List.of()), CheckText.forPlan(response.plan()), null);
    }

    private StepResponse apply(StepRequest request) {
        ApplyOptions options = ApplyOptions.defaults(request.user()).withParallelism(request.parallelism())
                .withLockWait(request.lockWait()).withBuildUrl(request.buildUrl()).withAllowEmpty(request.allowEmpty());
        Wait health = request.await() ? Wait.upTo(request.timeout()) : Wait.NONE;
        ApplyResponse response;
        if (request.planFile() != null) {
            noteNewerCheckout(request);
            // The plan decides the commit and path unless the step gave them: no default commit here.
            Source source = new Source(request.repository(), request.ref(), path(request));
            response = gitops.apply(new ApplyPlanRequest(Path.of(request.planFile()), source, inputs(request),
                    request.target().spec(), options, health));
        } else {
            response = gitops.planAndApply(new PlanAndApplyRequest(source(request), inputs(request),
                    request.target().spec(), request.diffMode(), request.prune(), options, health));
        }
        log.print(ApplyText.render(response.result(), StepRemedies.WORDING));
        response.unhealthy().forEach(h -> log.println(Escape.printable("[gitops] unhealthy: " + h)));
        return respond(request, StepResult.of(response.result(), request.planFileLabel(), response.unhealthy()),
                page(response.result()), CheckText.forApply(response.result(), response.unhealthy()),
                metrics(request, response.result().plan().path()));
    }

    private StepResponse verify(StepRequest request) {
        // Always recorded: the deployments view's time to restore and change failure rate rest on verify results.
        VerifyResult result = gitops.verify(new VerifyRequest(source(request), inputs(request), request.target().spec(),
                request.diffMode(), request.await() ? Wait.upTo(request.timeout()) : Wait.NONE,
                Recording.as(request.user() == null ? "jenkins" : request.user(), request.buildUrl())));
        log.print(VerifyText.render(result, request.logDiffs() ? DiffDetail.ALL : DiffDetail.NONE));
        return respond(request, StepResult.of(result), new StepPage(result.plan(), List.of()),
                CheckText.forVerify(result, request.failOnDrift()),
                metrics(request, result.plan().path()));
    }

    /**
     * The environment's figures after what the step recorded, or null with a warning: figures that cannot be computed
     * (a target that cannot be read again, a repository without the applied commits) never fail the step.
     */
    private String metrics(StepRequest request, String path) {
        SecretMask mask = new SecretMask(request.secretPattern());
        try {
            MetricsRequest metrics = StepMetrics.request(request, path, clock.instant());
            return mask.apply(StepMetrics.json(gitops.metrics(metrics)));
        } catch (RuntimeException e) {
            String why = e instanceof GitopsException g ? StepRemedies.WORDING.message(g) : e.toString();
            log.println(Escape.printable("[gitops] WARNING: no deployment figures for the deployments view: "
                    + mask.apply(why)));
            return null;
        }
    }

    /** The page of an apply: its plan and each resource's outcome, errors worded with their remedies as step parameters. */
    private static StepPage page(ApplyResult result) {
        List<Outcome> outcomes = result.outcomes().stream().map(o -> o.error() == null ? o
                : new Outcome(o.id(), o.action(), o.status(), StepRemedies.WORDING.withRemedy(o.error(), o.remedy())))
                .toList();
        return new StepPage(result.plan(), outcomes);
    }

    /**
     * Keeps the page of the call (its plan, and an apply's outcomes) in the request's page file, written here on the
     * agent so that the controller copies a file rather than receive megabytes as one string, and masks what goes
     * back.
     */
    private static StepResponse respond(StepRequest request, StepResult result, StepPage page,
            CheckText check, String metrics) {
        SecretMask mask = new SecretMask(request.secretPattern());
        Plan plan = page.plan();
        if (request.pageFile() != null) {
            StepPage.write(new StepPage(mask.apply(plan), page.outcomes().stream().map(o -> o.error() == null ? o
                    : new Outcome(o.id(), o.action(), o.status(), mask.apply(o.error()))).toList()),
                    Path.of(request.pageFile()));
        }
        return new StepResponse(result, request.pageFile() != null, mask.apply(label(request, plan)), check.success(),
                mask.apply(check.title()),
                mask.apply(check.summary()), mask.apply(check.text()), null, metrics);
    }

    /** The source of a new plan: the ref given, else the checkout's commit. */
    private static Source source(StepRequest request) {
        return new Source(request.repository(), request.ref() != null ? request.ref() : request.defaultCommit(),
                path(request));
    }

    /** A step's {@code path:} defaults to "": not given, so the engine decides (a saved plan's path). */
    private static String path(StepRequest request) {
        return request.path() == null || request.path().isBlank() ? null : request.path();
    }

    private static Inputs inputs(StepRequest request) {
        Map<String, String> plain = new LinkedHashMap<>(request.vars());
        Map<String, String> secret = new LinkedHashMap<>();
        request.secretVars().forEach(name -> secret.put(name, plain.remove(name)));
        secret.values().removeIf(Objects::isNull);
        return new Inputs(plain, request.varFiles().stream().map(Path::of).toList(), request.ignore(), secret,
                List.of(), request.tools());
    }
}
