package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorHeadlineTest {

    @Test
    void anIntroductionLineIsJoinedByTheFirstProblemWithItsFileAndLine() {
        String error = """
                invalid desired state (2 problems); nothing was applied:
                  environments/broken/app.yaml:8: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got }
                  environments/broken/other.yaml:2: invalid YAML: found undefined alias
                """;

        assertThat(ErrorHeadline.html(error)).isEqualTo("invalid desired state (2 problems); nothing was applied:"
                + " environments/broken/app.yaml:8: invalid YAML: while parsing a flow sequence: expected &#39;,&#39; or"
                + " &#39;]&#39;, but got }");
    }

    @Test
    void aSingleLineOrASentenceWithDetailsBelowStaysAsItIs() {
        assertThat(ErrorHeadline.html("the plan is stale: 1 live resource(s) changed")).isEqualTo(
                "the plan is stale: 1 live resource(s) changed");
        assertThat(ErrorHeadline.html("cannot reach the cluster.\n  at https://10.0.0.1:6443\n")).isEqualTo(
                "cannot reach the cluster.");
        assertThat(ErrorHeadline.html("\n \n")).isEmpty();
    }
}
