package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.apply.StalePlanException;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.StateDigest;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.8: the desired-state digest in a plan, the history and the inventory is no offline oracle for a
 * Secret. Someone holding the repository and a plan renders the commit with each guessed password and hashes
 * the result in every unkeyed way the engine could have: no guess, the right one included, matches.
 */
class SecretDigestTest {
    static final String ENV = "env";
    static final String PASSWORD = "hunter2-Tg9x";
    static final List<String> GUESSES = List.of("123456", "password", PASSWORD, "letmein");

    @TempDir
    Path tmp;
    String commit;

    @BeforeEach
    void repoWithASecretFromAVariable() {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n"
                + "stringData:\n  password: ${DB_PASSWORD}\n");
        git.write(ENV + "/cm.yaml", configMap("settings", "v", "1"));
        commit = git.commit("secret from a variable");
        git.close();
    }

    private FlowFixture flow(DirectoryTarget target, String password) {
        return new FlowFixture(tmp.resolve("repo"), ENV, target).variables(Map.of("DB_PASSWORD", password));
    }

    private Environment render(String guess) {
        return flow(new DirectoryTarget(tmp.resolve("elsewhere")), guess).load(commit);
    }

    /** The plain digest over every resource's content, as plans, history and inventory carried it before. */
    private String plainDigest(String guess) {
        return render(guess).desired().digest();
    }

    @Test
    void noGuessMatchesThePlanTheHistoryOrTheInventory() throws IOException {
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("target"));
        assertThat(flow(target, PASSWORD).applyNow(commit).succeeded()).isTrue();
        Plan plan = flow(target, PASSWORD).plan(commit);
        assertThat(flow(target, PASSWORD).applyNow(commit).succeeded()).isTrue();
        String history = target.readInventory().current().orElseThrow().desiredDigest();
        String inventoryFile = Files.readString(tmp.resolve("target/.gitops/inventory.json"));

        for (String guess : GUESSES) {
            String digest = plainDigest(guess);
            assertThat(plan.desiredDigest()).as("plan vs guess " + guess).isNotEqualTo(digest);
            assertThat(history).as("history vs guess " + guess).isNotEqualTo(digest);
            assertThat(inventoryFile).as("inventory vs guess " + guess).doesNotContain(digest.substring(7));
        }
        // The only other digest without the key leaves the Secret out: every guess gives the same one.
        assertThat(GUESSES.stream().map(g -> StateDigest.of(render(g).desired(), Optional.empty())).distinct())
                .hasSize(1);
    }

    @Test
    void beforeTheTargetHasAKeyThePlanSaysNothingAboutTheSecret() {
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("target"));
        Plan right = flow(target, PASSWORD).plan(commit);
        Plan wrong = flow(target, "123456").plan(commit);

        assertThat(right.desiredDigest()).isEqualTo(wrong.desiredDigest());
        for (String guess : GUESSES) {
            assertThat(plainDigest(guess)).isNotEqualTo(right.desiredDigest());
        }
    }

    @Test
    void aSecretChangedBetweenPlanAndApplyIsStillRefused() {
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("target"));
        assertThat(flow(target, PASSWORD).applyNow(commit).succeeded()).isTrue();
        Plan plan = flow(target, PASSWORD).plan(commit);

        assertThatThrownBy(() -> flow(target, "another-password").apply(plan))
                .isInstanceOf(StalePlanException.class).hasMessageContaining("renders differently")
                .hasMessageNotContaining("another-password").hasMessageNotContaining(PASSWORD);
        assertThat(flow(target, PASSWORD).apply(plan).succeeded()).isTrue();
    }
}
