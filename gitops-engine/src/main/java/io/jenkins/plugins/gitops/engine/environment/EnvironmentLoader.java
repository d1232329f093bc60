package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.Renderer;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Source -> render: resolves the commit, reads the environment's {@code .gitops.yaml} and renders the
 * environment with the options it sets.
 */
public final class EnvironmentLoader {
    private final RenderOptions renderOptions;
    private final List<IgnoreRule> extraIgnoreRules;
    private final Progress progress;
    private final SecretValues secrets;

    public EnvironmentLoader(RenderOptions renderOptions, List<IgnoreRule> extraIgnoreRules, Progress progress) {
        this(renderOptions, extraIgnoreRules, progress, SecretValues.NONE);
    }

    /** {@code secrets}: the values of the secret variables among the render options' variables. */
    public EnvironmentLoader(RenderOptions renderOptions, List<IgnoreRule> extraIgnoreRules, Progress progress,
            SecretValues secrets) {
        this.renderOptions = renderOptions;
        this.extraIgnoreRules = List.copyOf(extraIgnoreRules);
        this.progress = progress;
        this.secrets = secrets;
    }

    public Environment load(SourceSpec spec) {
        try (SourceSnapshot snapshot = GitSource.open(spec)) {
            EnvironmentConfig config = EnvironmentConfig.read(snapshot, renderOptions);
            List<IgnoreRule> rules = new ArrayList<>(config.ignoreRules());
            rules.addAll(extraIgnoreRules);
            RenderOptions options = config.renderOptions(renderOptions, progress);
            DesiredState desired = new Renderer(options, progress).render(snapshot);
            // Re-rendered with other values but the same substitution switch, so only the values differ.
            Set<ResourceId> secretsFromVariables = SecretProvenance.fromVariables(desired, options.variables(),
                    other -> new Renderer(options.withVariables(other).withSubstitute(options.substitute()),
                            Progress.NONE).render(snapshot));
            return new Environment(snapshot.repository(), snapshot.commit(), snapshot.path(), desired, rules,
                    secretsFromVariables, snapshot.remoteUrl().orElse(null), secrets);
        }
    }

    /**
     * The repository paths that render into the environment at the spec's commit: its directory, {@code .gitops.yaml},
     * what its kustomizations reference ({@code ../../base}, patches, components) and its charts. An environment that
     * no longer renders cleanly (a variable only the apply was given, say) still names what it read until then.
     */
    public Set<String> inputs(SourceSpec spec) {
        try (SourceSnapshot snapshot = GitSource.open(spec)) {
            InputPaths reading = new InputPaths(snapshot);
            try {
                EnvironmentConfig config = EnvironmentConfig.read(reading, renderOptions);
                new Renderer(config.renderOptions(renderOptions, progress), Progress.NONE).render(reading);
            } catch (GitopsException e) {
                // what was read until the problem still renders into the environment
            }
            return reading.read();
        }
    }
}
