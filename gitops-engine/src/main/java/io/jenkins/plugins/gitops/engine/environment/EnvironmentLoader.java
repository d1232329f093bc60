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
            return new Environment(snapshot.repository(), snapshot.commit(), snapshot.path(),
                    new Renderer(renderOptions, progress).render(snapshot), rules);
        }
    }
}
