package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.Renderer;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Source -> render: resolves the commit, renders the environment and reads its {@code .gitops.yaml}. */
public final class EnvironmentLoader {
    private final RenderOptions renderOptions;
    private final List<IgnoreRule> extraIgnoreRules;
    private final Progress progress;

    public EnvironmentLoader(RenderOptions renderOptions, List<IgnoreRule> extraIgnoreRules, Progress progress) {
        this.renderOptions = renderOptions;
        this.extraIgnoreRules = List.copyOf(extraIgnoreRules);
        this.progress = progress;
    }

    public Environment load(SourceSpec spec) {
        try (SourceSnapshot snapshot = GitSource.open(spec)) {
            List<IgnoreRule> rules = new ArrayList<>(EnvironmentConfig.read(snapshot, renderOptions).ignoreRules());
            rules.addAll(extraIgnoreRules);
            DesiredState desired = new Renderer(renderOptions, progress).render(snapshot);
            Set<ResourceId> secretsFromVariables = SecretProvenance.fromVariables(desired, renderOptions.variables(),
                    other -> new Renderer(renderOptions.withVariables(other), Progress.NONE).render(snapshot));
            return new Environment(snapshot.repository(), snapshot.commit(), snapshot.path(), desired, rules,
                    secretsFromVariables);
        }
    }
}
