package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class GitSourceTest {
    @TempDir
    Path tmp;

    private GitRepoFixture repo;

    @BeforeEach
    void createRepository() {
        repo = GitRepoFixture.init(tmp.resolve("repo"));
    }

    @Test
    void readsTheDirectoryAtHeadByDefault() {
        repo.write("envs/prod/app.yaml", "kind: A\n").write("envs/prod/db/db.yaml", "kind: B\n")
                .write("envs/staging/app.yaml", "kind: C\n").write("README.md", "hi\n");
        String head = repo.commit("first");

        try (SourceSnapshot snapshot = open(null, "./envs/prod/")) {
            assertThat(snapshot.commit()).isEqualTo(head);
            assertThat(snapshot.path()).isEqualTo("envs/prod");
            assertThat(snapshot.repository()).isEqualTo(repo.dir().toString());
            assertThat(contents(snapshot)).containsExactly(
                    Map.entry("envs/prod/app.yaml", "kind: A\n"), Map.entry("envs/prod/db/db.yaml", "kind: B\n"));
            assertThat(snapshot.file("README.md")).map(file -> text(file.content())).contains("hi\n");
            assertThat(snapshot.file("envs/missing.yaml")).isEmpty();
            assertThat(snapshot.file("envs")).isEmpty();
        }
    }

    @Test
    void blankPathIsTheRepositoryRoot() {
        repo.write("a.yaml", "a").write("b/c.yaml", "c");
        repo.commit("first");

        try (SourceSnapshot snapshot = open(" ", "")) {
            assertThat(snapshot.path()).isEmpty();
            assertThat(contents(snapshot)).containsOnlyKeys("a.yaml", "b/c.yaml");
        }
    }

    @Test
    void resolvesBranchesTagsAndCommitIds() {
        repo.write("env/app.yaml", "v1");
        String first = repo.commit("v1");
        repo.branch("release").tag("v1-annotated").lightweightTag("v1-light");
        repo.write("env/app.yaml", "v2");
        String second = repo.commit("v2");

        for (String ref : List.of("release", "v1-annotated", "v1-light", "refs/tags/v1-annotated", first,
                first.substring(0, 8))) {
            try (SourceSnapshot snapshot = open(ref, "env")) {
                assertThat(snapshot.commit()).as(ref).isEqualTo(first);
                assertThat(contents(snapshot)).as(ref).containsEntry("env/app.yaml", "v1");
            }
        }
        for (String ref : List.of("main", "HEAD")) {
            try (SourceSnapshot snapshot = open(ref, "env")) {
                assertThat(snapshot.commit()).as(ref).isEqualTo(second);
            }
        }
    }

    @Test
    void resolvesRemoteTrackingBranchesOfALocalClone() throws Exception {
        repo.write("env/app.yaml", "v1");
        String first = repo.commit("v1");
        Path clone = tmp.resolve("clone");
        Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(clone.toFile()).call().close();
        repo.write("env/app.yaml", "v2");
        repo.commit("v2 after the clone");

        try (SourceSnapshot snapshot = GitSource.open(new SourceSpec(clone.toString(), "origin/main", "env"))) {
            assertThat(snapshot.commit()).isEqualTo(first);
        }
    }

    @Test
    void opensABareRepositoryInPlace() throws Exception {
        repo.write("env/app.yaml", "v1");
        String head = repo.commit("v1");
        Path bare = tmp.resolve("bare.git");
        Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                .call().close();

        try (SourceSnapshot snapshot = GitSource.open(new SourceSpec(bare.toString(), "main", "env"))) {
            assertThat(snapshot.commit()).isEqualTo(head);
            assertThat(contents(snapshot)).containsEntry("env/app.yaml", "v1");
        }
    }

    @Test
    void clonesAFileUrlAndResolvesItsBranchesAndTags() {
        repo.write("env/app.yaml", "v1");
        String first = repo.commit("v1");
        repo.tag("v1").branch("release");
        repo.write("env/app.yaml", "v2");
        String second = repo.commit("v2");
        String url = repo.dir().toUri().toString();

        try (SourceSnapshot snapshot = GitSource.open(new SourceSpec(url, null, "env"))) {
            assertThat(snapshot.repository()).isEqualTo(url);
            assertThat(snapshot.commit()).isEqualTo(second);
            assertThat(contents(snapshot)).containsEntry("env/app.yaml", "v2");
        }
        for (String ref : List.of("v1", "release", "origin/release")) {
            try (SourceSnapshot snapshot = GitSource.open(new SourceSpec(url, ref, "env"))) {
                assertThat(snapshot.commit()).as(ref).isEqualTo(first);
            }
        }
    }

    @Test
    void readsTheCommitNotTheWorkingTree() throws Exception {
        repo.write("env/app.yaml", "committed");
        repo.commit("first");
        repo.write("env/app.yaml", "edited, not committed").write("env/untracked.yaml", "untracked");

        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThat(contents(snapshot)).containsExactly(Map.entry("env/app.yaml", "committed"));
            assertThat(snapshot.file("env/untracked.yaml")).isEmpty();
            assertThat(Files.readString(snapshot.checkout(List.of("env")).resolve("env/app.yaml"))).isEqualTo("committed");
            assertThat(snapshot.checkout(List.of("env")).resolve("env/untracked.yaml")).doesNotExist();
        }
    }

    @Test
    void refusesPathsThatLeaveTheRepository() {
        repo.write("env/app.yaml", "a");
        repo.commit("first");

        assertThatThrownBy(() -> open(null, "../x"))
                .isInstanceOf(GitopsException.class)
                .hasMessage("path '../x' leaves the repository; give a path inside it");
        assertThatThrownBy(() -> open(null, "env/../../x")).hasMessageContaining("leaves the repository");
        assertThatThrownBy(() -> open(null, "/etc")).hasMessageContaining("'/etc' is absolute");
        assertThatThrownBy(() -> open(null, "env\\app")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> open(null, "C:/env")).hasMessageContaining("drive letter");
        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(() -> snapshot.file("../outside.yaml")).hasMessageContaining("leaves the repository");
        }
    }

    @Test
    void missingPathOrFilePathIsAnErrorNamingPathAndCommit() {
        repo.write("env/app.yaml", "a");
        String head = repo.commit("first");

        assertThatThrownBy(() -> open(null, "envs/prod"))
                .isInstanceOf(GitopsException.class)
                .hasMessageContaining("path 'envs/prod' does not exist at commit " + head.substring(0, 7));
        assertThatThrownBy(() -> open(null, "env/app.yaml"))
                .hasMessageContaining("path 'env/app.yaml' is a file at commit " + head.substring(0, 7));
    }

    @Test
    void unknownRefSaysWhatToPass() {
        repo.write("env/app.yaml", "a");
        repo.commit("first");

        assertThatThrownBy(() -> open("no-such-branch", "env"))
                .isInstanceOf(GitopsException.class)
                .hasMessage("ref 'no-such-branch' was not found in " + repo.dir()
                        + "; pass a branch, tag or commit id that exists there");
    }

    @Test
    void notARepositoryIsAnError() {
        assertThatThrownBy(() -> GitSource.open(new SourceSpec(tmp.resolve("nothing").toString(), null, null)))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> GitSource.open(new SourceSpec(tmp.toString(), null, null)))
                .hasMessageContaining("is not a Git repository");
    }

    @Test
    void refusesSymlinksOutOfTheRepository() {
        repo.write("env/app.yaml", "a").symlink("env/passwd.yaml", "../../../../etc/passwd");
        repo.commit("relative escape");

        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files)
                    .isInstanceOf(GitopsException.class)
                    .hasMessage("symlink env/passwd.yaml points outside the repository (../../../../etc/passwd is"
                            + " refused); make it point inside the repository");
            assertThatThrownBy(() -> snapshot.file("env/passwd.yaml")).hasMessageContaining("env/passwd.yaml");
            assertThatThrownBy(() -> snapshot.checkout(List.of("env"))).hasMessageContaining("symlink env/passwd.yaml points outside");
        }

        repo.symlink("env/passwd.yaml", "/etc/passwd");
        repo.commit("absolute escape");
        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files)
                    .hasMessageContaining("symlink env/passwd.yaml points outside the repository (/etc/passwd")
                    .hasMessageNotContaining("root:");
        }
    }

    @Test
    void refusesADirectorySymlinkThatEscapesThroughAnotherLink() {
        repo.write("env/app.yaml", "a").symlink("up", "..").symlink("env/sneaky", "../up/etc");
        repo.commit("escape through a chain");

        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files).hasMessageContaining("symlink up points outside the repository");
        }
    }

    @Test
    void followsSymlinksInsideTheRepository() {
        repo.write("shared/base/deploy.yaml", "deploy").write("shared/base/nested/svc.yaml", "svc")
                .write("shared/config.yaml", "config")
                .symlink("env/prod/config.yaml", "../../shared/config.yaml")
                .symlink("env/prod/base", "../../shared/base")
                .symlink("env/prod/chained.yaml", "config.yaml")
                .symlink("aliases", "env");
        repo.commit("links");

        try (SourceSnapshot snapshot = open(null, "env/prod")) {
            assertThat(contents(snapshot)).containsExactly(
                    Map.entry("env/prod/base/deploy.yaml", "deploy"),
                    Map.entry("env/prod/base/nested/svc.yaml", "svc"),
                    Map.entry("env/prod/chained.yaml", "config"),
                    Map.entry("env/prod/config.yaml", "config"));
            assertThat(snapshot.file("aliases/prod/base/nested/svc.yaml")).map(file -> text(file.content()))
                    .contains("svc");
        }
        try (SourceSnapshot snapshot = open(null, "aliases/prod")) {
            assertThat(contents(snapshot)).containsKeys("aliases/prod/config.yaml", "aliases/prod/base/deploy.yaml");
        }
    }

    @Test
    void refusesSymlinkLoops() {
        repo.write("env/app.yaml", "a").symlink("env/a.yaml", "b.yaml").symlink("env/b.yaml", "a.yaml");
        repo.commit("file loop");
        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files).isInstanceOf(GitopsException.class).hasMessageContaining("loop");
        }

        repo.delete("env/a.yaml").delete("env/b.yaml").symlink("env/self", ".");
        repo.commit("directory loop");
        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files).hasMessageContaining("symlink env/self is part of a loop");
        }
    }

    @Test
    void danglingSymlinkIsAnErrorForManifests() {
        repo.write("env/app.yaml", "a").symlink("env/gone.yaml", "missing.yaml");
        String head = repo.commit("dangling");

        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files).hasMessage("symlink env/gone.yaml points to missing.yaml, which is not"
                    + " in commit " + head.substring(0, 7) + "; fix or remove the link");
        }
    }

    @Test
    void aSubmoduleInsideThePathIsAnErrorNotSkipped() throws Exception {
        // Issue 13, point 2: skipping it silently rendered nothing for it, and the plan pruned what it described.
        GitRepoFixture library = GitRepoFixture.init(tmp.resolve("library"));
        library.write("lib.yaml", "lib");
        library.commit("library");
        repo.write("env/app.yaml", "app").write("other/app.yaml", "other");
        repo.commit("first");
        try (Git git = Git.open(repo.dir().toFile())) {
            git.submoduleAdd().setURI(library.dir().toUri().toString()).setPath("env/lib").call().close();
        }
        repo.commit("add submodule");

        try (SourceSnapshot snapshot = open(null, "env")) {
            assertThatThrownBy(snapshot::files).isInstanceOf(GitopsException.class)
                    .hasMessageContaining("env/lib is a Git submodule").hasMessageContaining("copy its manifests");
            assertThat(snapshot.file("env/lib/lib.yaml")).isEmpty();
            // A checkout, like git's own, leaves the submodule out; it is never read as manifests.
            assertThat(snapshot.checkout(List.of("env")).resolve("env/app.yaml")).hasContent("app");
        }
        try (SourceSnapshot snapshot = open(null, "other")) {
            assertThat(contents(snapshot)).containsOnlyKeys("other/app.yaml");
        }
    }

    @Test
    void aCheckoutHoldsOnlyThePathsAskedFor() throws Exception {
        repo.write("env/prod/secret.yaml", "prod").write("env/staging/app.yaml", "staging").write("base/b.yaml", "b");
        repo.commit("two environments");
        try (SourceSnapshot snapshot = open(null, "env/staging")) {
            Path checkout = snapshot.checkout(List.of("env/staging", "base/b.yaml"));
            assertThat(checkout.resolve("env/staging/app.yaml")).hasContent("staging");
            assertThat(checkout.resolve("base/b.yaml")).hasContent("b");
            assertThat(checkout.resolve("env/prod")).doesNotExist();
        }
    }

    @Test
    void checkoutMirrorsTheCommitWithSymlinksCopiedAndIsRemovedOnClose() throws Exception {
        repo.write("shared/base.yaml", "base").write("env/app.yaml", "app")
                .symlink("env/base.yaml", "../shared/base.yaml").symlink("env/shared", "../shared")
                .symlink("docs/broken", "nowhere");
        repo.commit("tree");

        Path checkout;
        try (SourceSnapshot snapshot = open(null, "env")) {
            checkout = snapshot.checkout(List.of("env", "shared"));
            assertThat(snapshot.checkout(List.of("env"))).isSameAs(checkout);
            assertThat(checkout.resolve("env/app.yaml")).hasContent("app");
            assertThat(checkout.resolve("shared/base.yaml")).hasContent("base");
            assertThat(checkout.resolve("env/base.yaml")).isRegularFile().hasContent("base");
            assertThat(Files.isSymbolicLink(checkout.resolve("env/base.yaml"))).isFalse();
            assertThat(Files.isSymbolicLink(checkout.resolve("env/shared"))).isFalse();
            assertThat(checkout.resolve("env/shared/base.yaml")).hasContent("base");
            assertThat(checkout.resolve("docs/broken")).doesNotExist();
        }
        assertThat(checkout).doesNotExist();
    }

    @Test
    void failedCloneNamesTheUrlWithoutItsPassword() {
        assertThatThrownBy(() -> GitSource.open(new SourceSpec("https://deployer:s3cret@127.0.0.1:1/repo.git", null, null)))
                .isInstanceOf(GitopsException.class)
                .hasMessageStartingWith("cannot clone https://127.0.0.1:1/repo.git")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("deployer");
    }

    @Test
    void readsThousandsOfFiles() {
        for (int i = 0; i < 2_000; i++) {
            repo.write("env/dir" + (i % 20) + "/file" + i + ".yaml", "n: " + i + "\n");
        }
        repo.commit("many");

        try (SourceSnapshot snapshot = open(null, "env")) {
            Map<String, String> files = contents(snapshot);
            assertThat(files).hasSize(2_000).containsEntry("env/dir7/file1987.yaml", "n: 1987\n");
            assertThat(snapshot.files()).extracting(SourceFile::path).isSorted();
        }
    }

    private SourceSnapshot open(String ref, String path) {
        return GitSource.open(new SourceSpec(repo.dir().toString(), ref, path));
    }

    /** Path to text, in the order files() returned them. */
    private static Map<String, String> contents(SourceSnapshot snapshot) {
        return snapshot.files().stream().collect(Collectors.toMap(SourceFile::path, file -> text(file.content()),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }
}
