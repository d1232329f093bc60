package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each default has one home, the engine's constant that the command line uses too: the steps start from it, the forms
 * show it through their descriptor, and the help pages, which the Pipeline syntax reference reads as static HTML, name
 * its value. Runs without a Jenkins: it reads the classes and their resources.
 */
class StepDefaultsTest {
    @Test
    void theStepsStartFromTheEnginesDefaults() {
        GitopsApplyStep apply = new GitopsApplyStep();
        assertThat(apply.getTimeout()).isEqualTo(new GitopsVerifyStep().getTimeout()).isEqualTo(Wait.DEFAULT_TIMEOUT);
        assertThat(apply.getLockWait()).isEqualTo(ApplyOptions.DEFAULT_LOCK_WAIT);
        assertThat(apply.getParallelism()).isEqualTo(ApplyOptions.DEFAULT_PARALLELISM);
        assertThat(new GitopsPlanStep().getDiff()).isEqualTo(apply.getDiff()).isEqualTo(DiffMode.DEFAULT_NAME);
        apply.setTimeout(" ");
        apply.setLockWait(null);
        apply.setDiff("");
        assertThat(apply.getTimeout()).isEqualTo(Wait.DEFAULT_TIMEOUT);
        assertThat(apply.getLockWait()).isEqualTo(ApplyOptions.DEFAULT_LOCK_WAIT);
        assertThat(apply.getDiff()).isEqualTo(DiffMode.DEFAULT_NAME);
    }

    @Test
    void theFormsReadEveryDefaultFromTheDescriptorAndWriteNone() throws IOException {
        assertThat(resource("GitopsHealthStep/health.jelly"))
                .contains("<f:textbox default=\"${descriptor.defaultTimeout}\"/>").doesNotContain(Wait.DEFAULT_TIMEOUT);
        assertThat(resource("GitopsApplyStep/config.jelly"))
                .contains("<f:number default=\"${descriptor.defaultParallelism}\" min=\"1\"/>",
                        "<f:textbox default=\"${descriptor.defaultLockWait}\"/>")
                .doesNotContain("\"" + ApplyOptions.DEFAULT_PARALLELISM + "\"", ApplyOptions.DEFAULT_LOCK_WAIT);
        assertThat(resource("GitopsStep/common.jelly")).contains("<f:select default=\"${descriptor.defaultDiff}\"/>");
    }

    @Test
    void theHelpPagesNameTheDefaultsValues() throws IOException {
        assertThat(resource("GitopsHealthStep/help-timeout.html")).contains("(default: " + Wait.DEFAULT_TIMEOUT + ")");
        assertThat(resource("GitopsApplyStep/help-parallelism.html"))
                .contains("(default: " + ApplyOptions.DEFAULT_PARALLELISM + ")");
        assertThat(Duration.parse(ApplyOptions.DEFAULT_LOCK_WAIT)).isZero();
        assertThat(resource("GitopsApplyStep/help-lockWait.html")).contains("(default: fail at once)");
        assertThat(resource("GitopsStep/help-diff.html"))
                .contains("<code>" + DiffMode.DEFAULT_NAME + "</code> (the default)");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StepDefaultsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
