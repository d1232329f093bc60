package io.jenkins.plugins.gitops.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders one chart through the engine once, in a JVM of its own, so that {@link HelmBench} can measure the peak
 * memory of a render as a command line pays it: this JVM and the Helm it starts (a helm binary or a child JVM).
 */
public final class HelmRenderChild {
    /** The runner argument that picks the bundled library. */
    static final String EMBEDDED = "embedded";

    private HelmRenderChild() {
    }

    /** Arguments: the chart's repository (the chart at {@code env/app}), then a helm binary or {@code embedded}. */
    public static void main(String[] args) {
        int resources = HelmBench.render(Path.of(args[0]),
                args[1].equals(EMBEDDED) ? Optional.empty() : Optional.of(Path.of(args[1])));
        System.out.println(Bench.RESULT + " resources=" + resources);
    }
}
