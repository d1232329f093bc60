package io.jenkins.plugins.gitops.engine.targets.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitBranchSpecTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "git:https://git.example.com/deploy.git#env/prod:manifests | https://git.example.com/deploy.git | env/prod | manifests",
        "git:git@github.com:acme/deploy.git#env/staging             | git@github.com:acme/deploy.git     | env/staging | ''",
        "git:../deploy#main:clusters/eu/./apps/                      | ../deploy                          | main     | clusters/eu/apps",
        "git:file:///srv/git/deploy.git#release#1:x                 | file:///srv/git/deploy.git#release | 1        | x",
    })
    void parsesRepositoryBranchAndFolder(String target, String repository, String branch, String folder) {
        assertThat(GitBranchSpec.parse(target)).isEqualTo(new GitBranchSpec(repository, branch, folder));
    }

    @Test
    void refusesWhatCannotBeABranchOrAFolderInside() {
        assertThatThrownBy(() -> GitBranchSpec.parse("git:../deploy")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("names no branch");
        assertThatThrownBy(() -> GitBranchSpec.parse("git:../deploy#env..prod")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("not a valid branch name");
        assertThatThrownBy(() -> GitBranchSpec.parse("git:../deploy#main:../outside"))
                .isInstanceOf(GitopsException.class).hasMessageContaining("leaves the repository");
    }

    @Test
    void aBranchNameIsValidWhereGitTakesIt() {
        assertThat(GitBranchSpec.isValidBranch("env/staging")).isTrue();
        assertThat(GitBranchSpec.isValidBranch("release-1.2_x")).isTrue();
        for (String bad : new String[] {null, "", " ", "main x", "a..b", "main~1", "x^", "a:b", "a?", "a*", "a[b",
                "a\\b", "x.lock", "/lead", "trail/"}) {
            assertThat(GitBranchSpec.isValidBranch(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void aPlanPinsTheHeadItReadAndOnlyForTheSameBranchAndFolder() {
        GitBranchSpec spec = GitBranchSpec.parse("git:../deploy#env/prod:manifests");
        String head = "0123456789abcdef0123456789abcdef01234567";

        assertThat(spec.pinnedIn(spec.identityAt(head))).contains(new GitBranchSpec.Pin(head));
        assertThat(spec.pinnedIn(spec.identityAt(null))).contains(new GitBranchSpec.Pin(null));
        assertThat(GitBranchSpec.parse("git:../deploy#env/prod").pinnedIn(spec.identityAt(head))).isEmpty();
        assertThat(spec.pinnedIn("dir:/srv/prod")).isEmpty();
    }
}
