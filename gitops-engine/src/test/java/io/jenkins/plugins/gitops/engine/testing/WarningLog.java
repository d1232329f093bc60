package io.jenkins.plugins.gitops.engine.testing;

import io.jenkins.plugins.gitops.engine.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A progress that keeps the warnings it is given, for tests that assert on them. */
public final class WarningLog implements Progress {
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void update(String phase, int done, int total) {
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
