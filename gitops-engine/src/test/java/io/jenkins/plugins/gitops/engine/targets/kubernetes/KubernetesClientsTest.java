package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {

    static String kubeconfig(String server, String context) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %1$s
                - name: other
                  cluster:
                    server: https://other.example:6443
                users:
                - name: u
                  user:
                    token: not-a-real-token
                contexts:
                - name: %2$s
                  context:
                    cluster: c
                    user: u
                    namespace: team-a
                - name: elsewhere
                  context:
                    cluster: other
                    user: u
                current-context: elsewhere
                """.formatted(server, context);
    }

    @Test
    void explicitFileAndContextPickThatClusterAndItsNamespace(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kc"), kubeconfig("https://api.example:6443", "dev"));
        KubernetesTargetConfig config = KubernetesTargetConfig.builder().inventoryName("prod").kubeconfig(file).context("dev").build();

        try (KubernetesClient client = KubernetesClients.create(config, Map.of(), dir)) {
            assertThat(client.getMasterUrl().toString()).startsWith("https://api.example:6443");
            assertThat(client.getNamespace()).isEqualTo("team-a");
        }
    }

    @Test
    void unknownContextAndMissingFileAreNamed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kc"), kubeconfig("https://api.example:6443", "dev"));

        assertThatThrownBy(() -> KubernetesClients.create(KubernetesTargetConfig.builder().inventoryName("p").kubeconfig(file).context("nope").build(),
                Map.of(), dir)).isInstanceOf(TargetException.class).hasMessageContaining("has no context 'nope'");
        assertThatThrownBy(() -> KubernetesClients.kubeconfigFile(dir.resolve("missing"), Map.of(), dir))
                .hasMessageContaining("kubeconfig " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void withoutAnExplicitFileKubeconfigEnvThenHomeThenInCluster(@TempDir Path dir) throws IOException {
        Path fromEnv = Files.writeString(dir.resolve("env-kc"), "x");
        Path home = dir.resolve("home");
        assertThat(KubernetesClients.kubeconfigFile(null, Map.of("KUBECONFIG", dir.resolve("gone") + java.io.File.pathSeparator
                + fromEnv), home)).contains(fromEnv);
        assertThat(KubernetesClients.kubeconfigFile(null, Map.of(), home)).isEmpty();
        Files.createDirectories(home.resolve(".kube"));
        Path standard = Files.writeString(home.resolve(".kube/config"), "x");
        assertThat(KubernetesClients.kubeconfigFile(null, Map.of(), home)).contains(standard);
        assertThatThrownBy(() -> KubernetesClients.create(KubernetesTargetConfig.defaults("p"), Map.of(), dir))
                .hasMessageContaining("not running inside a cluster");
    }

    @Test
    void inventoryNamesComeFromEnvironmentPathsAndAreValidated() {
        assertThat(KubernetesTargetConfig.inventoryNameFor("envs/Prod_EU/")).isEqualTo("envs-prod-eu");
        assertThatThrownBy(() -> KubernetesTargetConfig.defaults("Bad Name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inventory name 'Bad Name'");
    }
}
