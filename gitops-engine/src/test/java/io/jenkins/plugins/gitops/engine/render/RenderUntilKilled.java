package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A separate JVM for {@link HelmSafetyTest}: renders the chart under {@code args[0]/env} until it is killed. */
public final class RenderUntilKilled {
    private RenderUntilKilled() {
    }

    public static void main(String[] args) {
        HelmProcess helm = new HelmProcess(args[1].equals("embedded") ? Optional.empty() : Optional.of(Path.of(args[1])),
                Duration.ofMinutes(10));
        new Renderer(RenderOptions.defaults(), Progress.NONE, Kustomize.onPath(), helm)
                .render(new DirectorySnapshot(Path.of(args[0]), "env"));
    }
}
