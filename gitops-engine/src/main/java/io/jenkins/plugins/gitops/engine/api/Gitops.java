package io.jenkins.plugins.gitops.engine.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.health.HealthWait;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.Metrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsOptions;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.SavedPlan;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.VariableFiles;
import io.jenkins.plugins.gitops.engine.render.Variables;
import io.jenkins.plugins.gitops.engine.report.Escape;
import io.jenkins.plugins.gitops.engine.source.GitCommitLog;
import io.jenkins.plugins.gitops.engine.source.RepositoryLocation;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.verify.Verifier;
import io.jenkins.plugins.gitops.engine.verify.VerifyRecorder;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's use cases, the one entry point of every front end (the command line, the Jenkins steps):
 * a request in, a result out. Here, and only here, a source is resolved, rendered and a target opened;
 * the front ends translate their options into a request and present the result.
 *
 * <p>Errors the user can act on are {@link GitopsException}s, whose {@link GitopsException#remedy()} a
 * front end words in its own vocabulary.
 */
public final class Gitops {
    private static final Duration HEALTH_POLL = Duration.ofSeconds(2);

    private final Progress progress;
    private final Clock clock;
    private final Duration healthPoll;

    public Gitops(Progress progress) {
        this(progress, Clock.systemUTC(), HEALTH_POLL);
    }

    /** {@code healthPoll}: how often a health wait reads the resources again. */
    public Gitops(Progress progress, Clock clock, Duration healthPoll) {
        this.progress = progress;
        this.clock = clock;
        this.healthPoll = healthPoll;
    }

    public PlanResponse plan(PlanRequest request) {
        SourceSpec spec = spec(request.source(), null);
        try (Target target = request.target().open(spec.path())) {
            Plan plan = new Planner(target, progress, clock, request.diff(), request.bodies() || request.out() != null)
                    .plan(load(spec, request.inputs(), request.target()), request.pruning())
                    .withPlannedBy(request.plannedBy()).withName(request.name());
            if (request.out() != null) {
                PlanFile.write(plan, request.out());
            }
            return new PlanResponse(plan, request.out());
        }
    }

    /** Applies a saved plan: the source defaults to the plan's commit and path, the target opens for that path. */
    public ApplyResponse apply(ApplyPlanRequest request) {
        SavedPlan saved = PlanFile.readSaved(request.planFile());
        Plan plan = saved.plan();
        SourceSpec spec = spec(request.source(), plan);
        ApplyContext context = new ApplyContext(plan.target(), saved.digest(),
                shownSource(plan.remoteUrl(), plan.repository()),
                request.options().user(), request.options().buildUrl());
        try (Target target = request.target().open(plan.path(), context)) {
            // The saved plan carries its own diff mode in its changes; the mode only matters to re-planning.
            Applier applier = new Applier(target, progress, clock, DiffMode.DEFAULT);
            ApplyResult result = applier.apply(plan, load(spec, request.inputs(), request.target()), request.options());
            return new ApplyResponse(result, awaitHealth(target, result, request.health()));
        }
    }

    public ApplyResponse planAndApply(PlanAndApplyRequest request) {
        SourceSpec spec = spec(request.source(), null);
        Environment env = load(spec, request.inputs(), request.target());
        ApplyContext context = new ApplyContext(null, null, shownSource(env.remoteUrl(), spec.repository()),
                request.options().user(), request.options().buildUrl());
        try (Target target = request.target().open(spec.path(), context)) {
            Applier applier = new Applier(target, progress, clock, request.diff());
            ApplyResult result = applier.planAndApply(env, request.prune(), request.options(), request.bodies());
            return new ApplyResponse(result, awaitHealth(target, result, request.health()));
        }
    }

    public VerifyResult verify(VerifyRequest request) {
        SourceSpec spec = spec(request.source(), null);
        try (Target target = request.target().open(spec.path())) {
            VerifyResult result = new Verifier(target, progress, clock, healthPoll, request.diff())
                    .verify(load(spec, request.inputs(), request.target()), request.health().enabled() ? request.health().timeout() : Duration.ZERO);
            Recording record = request.record();
            if (record.enabled()) {
                new VerifyRecorder(target, clock, progress).record(result, record.user(), record.buildUrl(),
                        Inventory.DEFAULT_HISTORY_LIMIT);
            }
            return result;
        }
    }

    /** One object's client diff, offline: what a Kubernetes plan would say of it. Reads two files; no target. */
    public CompareResponse compare(CompareRequest request) {
        return ObjectComparison.compare(request);
    }

    public HistoryResponse history(HistoryRequest request) {
        try (Target target = request.target().open(request.path() == null ? "" : request.path())) {
            return new HistoryResponse(keptHistory(target));
        }
    }

    /**
     * The target's inventory with no more history than gitops keeps. A longer one was written by something else (a
     * hand-made or tampered record: 100,000 entries took minutes to measure), so only its newest entries are used.
     */
    private Inventory keptHistory(Target target) {
        Inventory inventory = target.readInventory();
        int entries = inventory.history().size();
        if (entries > Inventory.DEFAULT_HISTORY_LIMIT) {
            progress.warn("the history of " + target.identity() + " holds " + entries + " entries, more than gitops"
                    + " keeps (" + Inventory.DEFAULT_HISTORY_LIMIT + "), so something else wrote it; only the newest "
                    + Inventory.DEFAULT_HISTORY_LIMIT + " are used");
            return inventory.newest(Inventory.DEFAULT_HISTORY_LIMIT);
        }
        return inventory;
    }

    /** DORA's four keys from the target's history and the repository's commit times. */
    public MetricsReport metrics(MetricsRequest request) {
        Instant until = request.until() != null ? request.until() : clock.instant();
        Instant since = request.since() != null ? request.since() : until.minus(MetricsOptions.DEFAULT_PERIOD);
        Duration window = request.failureWindow() != null ? request.failureWindow()
                : MetricsOptions.DEFAULT_FAILURE_WINDOW;
        MetricsOptions options;
        try {
            options = new MetricsOptions(since, until, window);
        } catch (IllegalArgumentException e) {
            throw new GitopsException(e.getMessage());
        }
        String path = request.source().path() == null ? "" : request.source().path();
        String environment;
        List<Revision> history;
        try (Target target = request.target().open(path)) {
            environment = target.identity();
            history = keptHistory(target).history();
        }
        EnvironmentMetrics measured;
        Map<String, Set<String>> inputs = new HashMap<>();
        try (GitCommitLog commits = GitCommitLog.open(request.source().repository())) {
            measured = Metrics.measure(environment, history, (applied, before, revisionPath) -> commits.brought(applied,
                    before, inputs.computeIfAbsent(revisionPath, p -> inputs(request.source().repository(), p, history))),
                    options);
        }
        if (measured.leadTime().unresolved() > 0) {
            progress.warn(measured.leadTime().unresolved() + " deployment(s) applied commits that "
                    + request.source().repository() + " does not have, so their lead time is left out: measure with"
                    + " the repository the environment is applied from, fully cloned");
        }
        return Metrics.report(options, List.of(measured));
    }

    /**
     * The paths that render into the environment at {@code path}, read at its newest applied commit (an overlay's
     * {@code ../../base} changes what it deploys as much as its own files do); its own directory alone when that
     * commit cannot be read here.
     */
    private Set<String> inputs(String repository, String path, List<Revision> history) {
        Optional<String> newest = history.stream().filter(r -> r.event() == Revision.Event.APPLY && r.commit() != null
                && path.equals(r.path())).max(Comparator.comparing(Revision::appliedAt)).map(Revision::commit);
        if (newest.isEmpty()) {
            return Set.of(path);
        }
        try {
            return new EnvironmentLoader(RenderOptions.defaults(), List.of(), Progress.NONE)
                    .inputs(new SourceSpec(repository, newest.get(), path));
        } catch (GitopsException e) {
            return Set.of(path);
        }
    }

    private List<ResourceHealth> awaitHealth(Target target, ApplyResult result, Wait wait) {
        if (!wait.enabled() || !result.succeeded()) {
            return List.of();
        }
        // A deleted resource has no health to wait for.
        // A run-once hook's object has a name only the target knows; it is not waited for.
        List<ResourceId> kept = result.plan().changes().stream()
                .filter(c -> c.action() != Action.DELETE && c.action() != Action.RUN).map(Change::id).toList();
        return new HealthWait(target, progress, healthPoll).await(kept, wait.timeout());
    }

    /**
     * The source repository as an environment branch's commits record it: the clone's {@code origin} URL, else the URL
     * given, else none. A local path (an agent's workspace) means nothing to whoever reads the branch.
     */
    private static String shownSource(String remoteUrl, String repository) {
        if (remoteUrl != null) {
            return remoteUrl;
        }
        RepositoryLocation location = RepositoryLocation.parse(repository);
        return location.remote() ? location.shown() : null;
    }

    /** The source to render: as given, else for a saved plan its commit and path. */
    private static SourceSpec spec(Source source, Plan plan) {
        String ref = source.ref() != null ? source.ref() : plan != null ? plan.commit() : null;
        String path = source.path() != null ? source.path() : plan != null ? plan.path() : "";
        return new SourceSpec(source.repository(), ref, path);
    }

    private Environment load(SourceSpec spec, Inputs inputs, TargetSpec target) {
        List<IgnoreRule> rules = inputs.ignoreRules().stream().map(IgnoreRule::parse).toList();
        Map<String, String> secrets = secretVariables(inputs);
        RenderOptions options = RenderOptions.defaults().withVariables(variables(inputs, secrets))
                .withTools(inputs.tools());
        return new EnvironmentLoader(options.withHelm(options.helm().withNamespace(target.namespace())), rules,
                progress, SecretValues.of(secrets.values())).load(spec);
    }

    /**
     * The values of the secret variables of {@code inputs} (their files read), for a front end to mask in what it
     * prints besides the engine's results: as given, and as JSON and the escaping of control characters write them.
     */
    public static SecretValues secretValues(Inputs inputs) {
        List<String> forms = new ArrayList<>();
        for (String value : secretVariables(inputs).values()) {
            forms.add(value);
            forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
            forms.add(Escape.printable(value));
        }
        return SecretValues.of(forms);
    }

    private static Map<String, String> secretVariables(Inputs inputs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path file : inputs.secretVariableFiles()) {
            values.putAll(VariableFiles.parse(file));
        }
        values.putAll(inputs.secretVariables());
        return values;
    }

    private static Map<String, String> variables(Inputs inputs, Map<String, String> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path file : inputs.variableFiles()) {
            values.putAll(VariableFiles.parse(file));
        }
        putChecked(values, inputs.variables());
        secrets.keySet().stream().filter(inputs.variables()::containsKey).findFirst()
                .ifPresent(name -> {
                    throw new GitopsException("variable " + name + " is given both as a plain and as a secret variable;"
                            + " give it once");
                });
        putChecked(values, secrets);
        return values;
    }

    private static void putChecked(Map<String, String> values, Map<String, String> given) {
        given.forEach((name, value) -> {
            if (!Variables.NAME.matcher(name).matches()) {
                // Only the name: the value may be a secret.
                throw new GitopsException("variable " + name + ": a variable name is made of letters, digits and '_'"
                        + " and does not start with a digit");
            }
            values.put(name, value);
        });
    }
}
