package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fake API server as a cluster that the engine (in this or a child JVM) and kubectl both reach over HTTP,
 * through one kubeconfig; seeded in-process with the live state a plan compares against.
 */
final class KubeCluster implements AutoCloseable {
    /** The mock logs every request at INFO; held in a field because JUL keeps loggers weakly. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private final FakeApiServer api = new FakeApiServer();
    private final Path kubeconfig;

    KubeCluster(Path dir) {
        MOCK_LOG.setLevel(Level.WARNING);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    FakeApiServer api() {
        return api;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * The live state of an earlier apply by our field manager with drift: every twentieth resource was applied
     * with an annotation its manifest no longer sets (a removal only a server diff sees), every twentieth (offset
     * by ten) was deleted by hand; the rest is exactly as applied.
     */
    void seedWithDrift(List<Resource> resources) {
        for (int i = 0; i < resources.size(); i++) {
            if (i % 20 == 10) {
                continue;
            }
            Map<String, Object> body = Documents.mutableCopy(resources.get(i).body());
            if (i % 20 == 0) {
                Documents.metadata(body).orElseThrow().put("annotations", Map.of("edited-by", "hand"));
            }
            api.seed(body, KubernetesTargetConfig.DEFAULT_FIELD_MANAGER);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
