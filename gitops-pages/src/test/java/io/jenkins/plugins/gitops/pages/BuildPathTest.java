package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildPathTest {
    @Test
    void aBuildInFoldersIsItsJobsFullNameAndNumber() {
        assertThat(BuildPath.parse("job/shop/job/prod%20env/12/"))
                .contains(new BuildPath("shop/prod env", 12));
        assertThat(BuildPath.parse("/job/c++/7")).contains(new BuildPath("c++", 7));
    }

    @Test
    void anythingElseIsNoBuild() {
        assertThat(BuildPath.parse("job/shop/")).isEmpty();
        assertThat(BuildPath.parse("job/shop/lastBuild/")).isEmpty();
        assertThat(BuildPath.parse("view/all/job/shop/3/")).isEmpty();
        assertThat(BuildPath.parse("job/shop/0/")).isEmpty();
        assertThat(BuildPath.parse("job/shop/99999999999/")).isEmpty();
        assertThat(BuildPath.parse("https://ci.example.com/job/shop/3/")).isEmpty();
    }
}
