package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class RepositoryLocationTest {
    @Test
    void localPathsAreShownAsGiven() {
        RepositoryLocation location = RepositoryLocation.parse("/srv/git/deploy");
        assertThat(location.remote()).isFalse();
        assertThat(location.shown()).isEqualTo("/srv/git/deploy");
        assertThat(location.credentials()).isNull();
    }

    @Test
    void urlsAreRemote() {
        assertThat(RepositoryLocation.parse("file:///srv/git/deploy").remote()).isTrue();
        assertThat(RepositoryLocation.parse("git@github.com:acme/deploy.git").remote()).isTrue();
        assertThat(RepositoryLocation.parse("ssh://git@github.com/acme/deploy.git").shown())
                .isEqualTo("ssh://git@github.com/acme/deploy.git");
    }

    @Test
    void httpCredentialsAreStrippedAndKeptForTheClone() throws Exception {
        RepositoryLocation location = RepositoryLocation.parse("https://deployer:p%40ss@git.example.com/acme/deploy.git");

        assertThat(location.shown()).isEqualTo("https://git.example.com/acme/deploy.git");
        assertThat(location.toString()).doesNotContain("p%40ss").doesNotContain("deployer");
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        assertThat(location.credentials().get(new URIish(location.shown()), user, password)).isTrue();
        assertThat(user.getValue()).isEqualTo("deployer");
        assertThat(new String(password.getValue())).isEqualTo("p@ss");
    }

    @Test
    void aLoneHttpUserNameIsTreatedAsAToken() {
        assertThat(RepositoryLocation.parse("https://ghp_token123@github.com/acme/deploy.git").shown())
                .isEqualTo("https://github.com/acme/deploy.git");
    }

    @Test
    void sshPasswordIsStrippedButTheUserStays() {
        assertThat(RepositoryLocation.parse("ssh://deployer:secret@git.example.com/deploy.git").shown())
                .isEqualTo("ssh://deployer@git.example.com/deploy.git");
    }
}
