package io.jenkins.plugins.gitops.engine.flow;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.verify.Verifier;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The whole flow (source, render, plan, apply, verify) on one repository and one target, for tests. */
public final class FlowFixture {
    private final Path repo;
    private final String path;
    private final Target target;
    private Map<String, String> variables = Map.of();

    public FlowFixture(Path repo, String path, Target target) {
        this.repo = repo;
        this.path = path;
        this.target = target;
    }

    public FlowFixture variables(Map<String, String> vars) {
        this.variables = vars;
        return this;
    }

    public Environment load(String ref) {
        return new EnvironmentLoader(RenderOptions.defaults().withVariables(variables), List.of(), Progress.NONE)
                .load(new SourceSpec(repo.toString(), ref, path));
    }

    public Plan plan(String ref) {
        return new Planner(target, Progress.NONE, Clock.systemUTC()).plan(load(ref), Pruning.ON);
    }

    public ApplyResult apply(Plan plan) {
        return new Applier(target, Progress.NONE, Clock.systemUTC()).apply(plan, load(plan.commit()), options());
    }

    public ApplyResult applyNow(String ref) {
        return new Applier(target, Progress.NONE, Clock.systemUTC()).planAndApply(load(ref), true, options());
    }

    public VerifyResult verify(String ref) {
        return new Verifier(target, Progress.NONE, Clock.systemUTC(), Duration.ofMillis(10)).verify(load(ref),
                Duration.ZERO);
    }

    public static ApplyOptions options() {
        return ApplyOptions.defaults("tester").withParallelism(4);
    }

    /** Every file under a directory with its bytes, to prove a failed run changed nothing. */
    public static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
