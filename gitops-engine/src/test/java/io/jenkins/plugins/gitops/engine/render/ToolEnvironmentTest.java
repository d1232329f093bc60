package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Pipeline step runs in the agent's JVM, whose environment is not the build's: the helm and kubectl a build
 * chose ({@code withEnv}, a tool installer) come as {@link RenderOptions#tools()}, over this process's environment.
 */
class ToolEnvironmentTest {

    @Test
    void theHelmTheToolsNameIsTheOneTheRendererTakes() {
        // This process has no such GITOPS_HELM; only the tools can have named it.
        assertThatThrownBy(() -> new Renderer(RenderOptions.defaults().withTools(
                Map.of("GITOPS_HELM", "/no/such/helm")), Progress.NONE))
                .isInstanceOf(GitopsException.class).hasMessageContaining("GITOPS_HELM=/no/such/helm");
    }

    @Test
    void toolsKeepOnlyTheVariablesThatFindHelmAndKubectl() {
        RenderOptions options = RenderOptions.defaults().withTools(Map.of("PATH", "/opt/tools/bin",
                "GITOPS_HELM_TIMEOUT", "30", "AWS_SECRET_ACCESS_KEY", "not-for-the-engine"));

        assertThat(options.tools()).containsOnlyKeys("PATH", "GITOPS_HELM_TIMEOUT");
        assertThat(options.toolEnvironment()).containsEntry("PATH", "/opt/tools/bin")
                .doesNotContainEntry("AWS_SECRET_ACCESS_KEY", "not-for-the-engine");
        assertThat(options.withVariables(Map.of("A", "1")).tools()).isEqualTo(options.tools());
    }
}
