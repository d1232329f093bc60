package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.Renderer;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Source -> render: resolves the commit, reads the environment's {@code .gitops.yaml} and renders the
 * environment with the options it sets.
 */
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
            EnvironmentConfig config = EnvironmentConfig.read(snapshot, renderOptions);
            List<IgnoreRule> rules = new ArrayList<>(config.ignoreRules());
            rules.addAll(extraIgnoreRules);
            RenderOptions options = config.renderOptions(renderOptions, progress);
            return new Environment(snapshot.repository(), snapshot.commit(), snapshot.path(),
                    new Renderer(options, progress).render(snapshot), rules);
        }
    }
}
