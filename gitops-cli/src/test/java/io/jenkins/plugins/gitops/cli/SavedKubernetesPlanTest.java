package io.jenkins.plugins.gitops.cli;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan applied to Kubernetes without {@code --path}: the inventory (and lock) are those of the plan's
 * environment, named after its path, not the root's {@code default}, whose target identity the plan would not
 * match.
 */
class SavedKubernetesPlanTest {
    static final String APP = namespace() + configMap("settings", "color", "blue");

    @Test
    void appliesASavedPlanWithoutThePath(@TempDir Path tmp) {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo")); FakeApiServer api = new FakeApiServer()) {
            repo.write("envs/prod/app.yaml", APP).commit("prod");
            String kubeconfig = api.writeKubeconfig(tmp.resolve("kubeconfig")).toString();
            String plan = tmp.resolve("prod.plan.json").toString();
            String repoDir = repo.dir().toString();

            Cli planned = Cli.run("plan", "--repo", repoDir, "--path", "envs/prod", "--target", "kubernetes",
                    "--kubeconfig", kubeconfig, "--out", plan, "-q");
            assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(GitopsCommand.CHANGES);

            Cli applied = Cli.run("apply", plan, "--repo", repoDir, "--target", "kubernetes", "--kubeconfig", kubeconfig,
                    "-q");

            assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(GitopsCommand.OK);
            assertThat(api.client().configMaps().inNamespace("shop").withName("settings").get().getData())
                    .containsEntry("color", "blue");
            ConfigMap inventory = api.client().configMaps().inNamespace("gitops-system").withName("envs-prod").get();
            assertThat(inventory.getData().get("resources")).contains("settings");
            assertThat(api.client().configMaps().inNamespace("gitops-system").withName("default").get()).isNull();
        }
    }
}
