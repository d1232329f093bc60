package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitLinkTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void knownHostsGetTheirCommitPage() {
        assertThat(CommitLink.of("https://github.com/acme/shop.git", SHA))
                .contains("https://github.com/acme/shop/commit/" + SHA);
        assertThat(CommitLink.of("git@github.com:acme/shop.git", SHA))
                .contains("https://github.com/acme/shop/commit/" + SHA);
        assertThat(CommitLink.of("https://gitlab.com/group/sub/shop", SHA))
                .contains("https://gitlab.com/group/sub/shop/-/commit/" + SHA);
        assertThat(CommitLink.of("ssh://git@bitbucket.org/acme/shop.git", SHA))
                .contains("https://bitbucket.org/acme/shop/commits/" + SHA);
    }

    @Test
    void credentialsInTheUrlNeverReachTheLink() {
        assertThat(CommitLink.of("https://user:t0ken@github.com/acme/shop.git", SHA))
                .hasValueSatisfying(url -> assertThat(url).doesNotContain("t0ken", "user"));
    }

    @Test
    void unknownHostsLocalPathsAndOddInputGiveNoLink() {
        assertThat(CommitLink.of("https://git.example.com/shop.git", SHA)).isEmpty();
        assertThat(CommitLink.of("/srv/repos/shop", SHA)).isEmpty();
        assertThat(CommitLink.of("file:///srv/repos/shop", SHA)).isEmpty();
        assertThat(CommitLink.of("https://github.com/acme/shop\"><script>", SHA)).isEmpty();
        assertThat(CommitLink.of("https://github.com/acme/shop", "main\"><x")).isEmpty();
        assertThat(CommitLink.of(null, SHA)).isEmpty();
    }
}
