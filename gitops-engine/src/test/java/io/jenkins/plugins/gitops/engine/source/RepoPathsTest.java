package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import org.junit.jupiter.api.Test;

class RepoPathsTest {
    @Test
    void aPathAUserGivesNeverClimbs() {
        assertThat(RepoPaths.normalize("./envs//prod/")).isEqualTo("envs/prod");
        assertThat(RepoPaths.normalize(" ")).isEmpty();
        assertThatThrownBy(() -> RepoPaths.normalize("envs/../prod")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("leaves the repository");
        assertThatThrownBy(() -> RepoPaths.normalize("/etc")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> RepoPaths.normalize("C:\\\\envs")).hasMessageContaining("backslash");
    }

    @Test
    void aReferenceInAFileMayClimbButNotLeave() {
        assertThat(RepoPaths.resolve("envs/prod", "../base")).contains("envs/base");
        assertThat(RepoPaths.resolve("envs/prod", "./patch.yaml")).contains("envs/prod/patch.yaml");
        assertThat(RepoPaths.resolve("envs", "../../secrets")).isEmpty();
        assertThat(RepoPaths.resolve("envs", "/etc/passwd")).isEmpty();
        assertThat(RepoPaths.resolve("envs", "C:/x")).isEmpty();
    }

    @Test
    void partsOfAPath() {
        assertThat(RepoPaths.parent("envs/prod/app.yaml")).isEqualTo("envs/prod");
        assertThat(RepoPaths.parent("app.yaml")).isEmpty();
        assertThat(RepoPaths.name("envs/prod/app.yaml")).isEqualTo("app.yaml");
        assertThat(RepoPaths.join("", "app.yaml")).isEqualTo("app.yaml");
        assertThat(RepoPaths.join("envs", "app.yaml")).isEqualTo("envs/app.yaml");
    }
}
