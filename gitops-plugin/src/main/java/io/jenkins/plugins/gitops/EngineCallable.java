package io.jenkins.plugins.gitops;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.VariableFiles;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.report.CheckText;
import io.jenkins.plugins.gitops.engine.report.PlanText;
import io.jenkins.plugins.gitops.engine.report.StepResults;
import io.jenkins.plugins.gitops.engine.report.VerifyText;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.health.HealthWait;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.verify.Verifier;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine on the agent that holds the workspace. Invalid input and refusals by the target come
 * back as an {@link EngineResponse} with a message (so the build page and check can show it); engine
 * exception types never cross the channel.
 */
final class EngineCallable extends MasterToSlaveFileCallable<EngineResponse> {
    private static final long serialVersionUID = 1L;
    private static final Duration HEALTH_POLL = Duration.ofSeconds(2);

    private final EngineRequest request;
    // A TaskListener is remotable (SerializableOnlyOverRemoting): log lines written here reach the build log.
    private final TaskListener listener;

    EngineCallable(EngineRequest request, TaskListener listener) {
        this.request = request;
        this.listener = listener;
    }

    @Override
    public EngineResponse invoke(File workspace, VirtualChannel channel) throws IOException {
        Masker masker = request.masker;
        Masker.Log masked = masker.wrap(listener.getLogger());
        PrintStream log = masked.out();
        Progress progress = new LogProgress(log);
        try (Target target = request.target.open(request.path)) {
            return switch (request.operation) {
                case PLAN -> plan(target, progress, log);
                case APPLY -> apply(target, progress, log);
                case VERIFY -> verify(target, progress, log);
            };
        } catch (GitopsException e) {
            return EngineResponse.failed(masker.mask(e.getMessage()));
        } catch (RuntimeException e) {
            // A bug, not bad input: keep the trace in the log, send only text (the type may not load on the controller).
            e.printStackTrace(log);
            throw new IOException(masker.mask(Messages.Engine_Failed(e.toString())));
        } finally {
            // The build log reaches the controller in delayed batches: without this, the lines written here would
            // appear after the step has returned, under the next stage. Flushed I/O completes before act() returns.
            masked.finish();
        }
    }

    private EngineResponse plan(Target target, Progress progress, PrintStream log) throws IOException {
        Environment env = load(spec(null), progress);
        Plan plan = new Planner(target, progress, Clock.systemUTC(), diffMode()).plan(env, request.prune);
        if (request.planFile != null) {
            PlanFile.write(plan, Path.of(request.planFile));
            log.println(Messages.Log_PlanSaved(request.planFileLabel));
        }
        log.print(PlanText.render(plan, request.logDiffs));
        return respond(StepResults.of(plan, request.planFileLabel), plan, CheckText.forPlan(plan));
    }

    private EngineResponse apply(Target target, Progress progress, PrintStream log) throws IOException {
        ApplyOptions options = ApplyOptions.defaults(request.user).withParallelism(request.parallelism)
                .withLockWait(request.lockWait).withBuildUrl(request.buildUrl);
        Applier applier = new Applier(target, progress, Clock.systemUTC(), diffMode());
        ApplyResult result;
        if (request.planFile != null) {
            Plan plan = PlanFile.read(Path.of(request.planFile));
            result = applier.apply(plan, load(spec(plan), progress), options);
        } else {
            // GitopsApplyStep admits no plan file only with autoApprove: true.
            result = applier.planAndApply(load(spec(null), progress), request.prune, options);
        }
        log.print(ApplyText.render(result));
        List<ResourceHealth> unhealthy = request.await && result.succeeded()
                ? new HealthWait(target, progress, HEALTH_POLL).awaitApplied(result, request.timeout)
                : List.of();
        unhealthy.forEach(h -> log.println(Messages.Log_Unhealthy(h.toString())));
        return respond(StepResults.of(result, request.planFileLabel, unhealthy), result.plan(),
                CheckText.forApply(result, unhealthy));
    }

    private EngineResponse verify(Target target, Progress progress, PrintStream log) throws IOException {
        VerifyResult result = new Verifier(target, progress, Clock.systemUTC(), HEALTH_POLL, diffMode())
                .verify(load(spec(null), progress), request.await ? request.timeout : Duration.ZERO);
        log.print(VerifyText.render(result, request.logDiffs));
        return respond(StepResults.of(result), result.plan(), CheckText.forVerify(result, request.failOnDrift));
    }

    private DiffMode diffMode() {
        return DiffMode.valueOf(request.diffMode);
    }

    /** The source: the plan's commit and path for a saved plan unless given, as on the command line. */
    private SourceSpec spec(Plan plan) {
        String ref = request.ref != null ? request.ref : plan != null ? plan.commit() : request.defaultCommit;
        String path = plan != null && request.path.isEmpty() ? plan.path() : request.path;
        return new SourceSpec(request.repository, ref, path);
    }

    private Environment load(SourceSpec spec, Progress progress) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String file : request.varFiles) {
            values.putAll(VariableFiles.parse(Path.of(file)));
        }
        values.putAll(request.vars);
        List<IgnoreRule> rules = request.ignore.stream().map(IgnoreRule::parse).toList();
        return new EnvironmentLoader(RenderOptions.defaults().withVariables(values), rules, progress).load(spec);
    }

    /** Writes the plan for the build page on the agent; the controller copies the file (a plan may be megabytes). */
    private EngineResponse respond(LinkedHashMap<String, Object> result, Plan plan, CheckText check) throws IOException {
        Masker masker = request.masker;
        Path page = Path.of(request.pageFile);
        if (masker.isEmpty()) {
            PlanFile.write(plan, page);
        } else {
            Files.writeString(page, masker.mask(PlanFile.toJson(plan)), StandardCharsets.UTF_8);
        }
        return new EngineResponse(result, true, plan.path(), check.success(), masker.mask(check.title()),
                masker.mask(check.summary()), masker.mask(check.text()), null);
    }
}
