package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of reading outside the commit: a path with '..' or absolute, symlinks to files and directories
 * outside the repository (relative and absolute), kustomize references leaving it or remote. All refused with
 * a message saying what and where; the secret file outside is never read into any output.
 */
class EscapeTest {
    static final String ENV = "envs/prod";
    static final String OUTSIDE_SECRET = "outside-the-repo-Zq7";

    record Case(String name, String path, BiConsumer<GitRepoFixture, Path> setup, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case env(String name, BiConsumer<GitRepoFixture, Path> setup, String expected) {
        return new Case(name, ENV, setup, expected);
    }

    static Case kustomization(String name, String resource, String expected) {
        return env(name, (git, outside) -> git.write(ENV + "/k/kustomization.yaml", "resources:\n- " + resource + "\n"),
                expected);
    }

    static Stream<Case> cases() {
        BiConsumer<GitRepoFixture, Path> none = (git, outside) -> { };
        return Stream.of(
                new Case("path ..", "..", none, "leaves the repository"),
                new Case("path ../sibling", "../sibling", none, "leaves the repository"),
                new Case("path envs/../../x", "envs/../../x", none, "leaves the repository"),
                new Case("absolute path", "/etc", none, "is absolute"),
                new Case("absolute path to the repository itself", "/", none, "is absolute"),
                new Case("backslash path", "envs\\prod", none, "backslash"),
                env("relative file symlink leaving", (git, outside) -> git.symlink(ENV + "/leak.yaml",
                        "../../../outside/secret.yaml"), "symlink " + ENV + "/leak.yaml points outside"),
                env("absolute file symlink", (git, outside) -> git.symlink(ENV + "/leak.yaml",
                        outside.resolve("secret.yaml").toString()), "symlink " + ENV + "/leak.yaml points outside"),
                env("relative directory symlink leaving", (git, outside) -> git.symlink(ENV + "/leakdir",
                        "../../../outside"), "symlink " + ENV + "/leakdir points outside"),
                env("absolute directory symlink", (git, outside) -> git.symlink(ENV + "/leakdir", outside.toString()),
                        "symlink " + ENV + "/leakdir points outside"),
                new Case("environment path is a symlink leaving", "envs/link", (git, outside) -> git.symlink("envs/link",
                        "../../outside"), "symlink envs/link points outside"),
                kustomization("kustomize resource ../ leaving", "../../../../outside/secret.yaml",
                        ENV + "/k/kustomization.yaml:2"),
                kustomization("kustomize resource absolute", "/etc/passwd", ENV + "/k/kustomization.yaml:2"),
                kustomization("kustomize base directory leaving", "../../../../outside", ENV + "/k/kustomization.yaml:2"),
                kustomization("kustomize remote https", "https://github.com/kubernetes-sigs/kustomize//examples/helloWorld",
                        "remote resource"),
                kustomization("kustomize remote git ssh", "git@github.com:example/repo.git//base", "remote resource"),
                kustomization("kustomize remote host-like path", "github.com/example/repo/base?ref=v1", "remote resource"),
                env("kustomize generator file leaving", (git, outside) -> git.write(ENV + "/k/kustomization.yaml",
                        "secretGenerator:\n- name: s\n  files:\n  - ../../../../outside/secret.yaml\n"),
                        ENV + "/k/kustomization.yaml:4"),
                env("kustomize patch leaving", (git, outside) -> git.write(ENV + "/k/kustomization.yaml",
                        "patches:\n- path: /etc/hosts\n"), ENV + "/k/kustomization.yaml:2"),
                env("kustomize resource through a symlink leaving", (git, outside) -> {
                    git.symlink(ENV + "/k/link.yaml", outside.resolve("secret.yaml").toString());
                    git.write(ENV + "/k/kustomization.yaml", "resources:\n- link.yaml\n");
                }, "points outside"));
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(Case c) throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stolen\n"
                + "data:\n  v: " + OUTSIDE_SECRET + "\n");
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        c.setup().accept(git, outside);
        git.commit("escape");
        git.close();
        Path target = tmp.resolve("target");
        for (String command : List.of("plan", "apply")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, "--repo", git.dir().toString(), "--path",
                    c.path(), "--target", "dir:" + target));
            if (command.equals("apply")) {
                args.add("--auto-approve");
            }
            Cli run = Cli.run(args);
            assertThat(run.code()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).as(run.toString()).contains(c.expected()).doesNotContain("This is a bug");
            assertThat(run.out() + run.err()).doesNotContain(OUTSIDE_SECRET);
        }
        assertThat(TreeSnapshot.of(target)).isEmpty();
    }
}
