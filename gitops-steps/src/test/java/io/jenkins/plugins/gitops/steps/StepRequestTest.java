package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRequestTest {
    private static final String SECRET = "s3cr3t-token-value";

    @Test
    void anUnsetPartHasTheDefaultTheCommandLineHas() {
        StepRequest request = StepRequest.builder(StepRequest.Operation.APPLY).build();

        assertThat(request.timeout()).isEqualTo(Duration.parse(Wait.DEFAULT_TIMEOUT));
        assertThat(request.lockWait()).isEqualTo(Duration.parse(ApplyOptions.DEFAULT_LOCK_WAIT));
        assertThat(request.parallelism()).isEqualTo(ApplyOptions.DEFAULT_PARALLELISM);
        assertThat(request.diffMode()).isEqualTo(DiffMode.DEFAULT).isEqualTo(DiffMode.parse(DiffMode.DEFAULT_NAME));
        assertThat(request.prune()).isTrue();
        assertThat(request.failOnDrift()).isTrue();
        assertThat(request.secretPattern()).isEmpty();
    }

    /** The request crosses the remoting channel with Java serialization; it must arrive as it left, and stay fixed. */
    @Test
    void itArrivesAsItLeftKeepsTheVariablesOrderAndCannotBeChangedOnTheWay() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ZONE", "eu");
        vars.put("APP", "shop");
        StepRequest.Builder builder = StepRequest.builder(StepRequest.Operation.PLAN).vars(vars)
                .secretVars(Map.of("TOKEN", SECRET)).ignore(List.of("Deployment/*:spec.replicas")).varFile("/w/a.env")
                .planFile("/w/plan.json", "plan.json").diffMode(DiffMode.SERVER).health(true, Duration.ofMinutes(2));
        StepRequest sent = builder.build();
        builder.vars(Map.of("LATE", "x"));

        StepRequest received = roundTrip(sent);

        assertThat(received).isEqualTo(sent);
        assertThat(received.vars().keySet()).containsExactly("ZONE", "APP", "TOKEN");
        assertThat(received.secretVars()).containsExactly("TOKEN");
        assertThat(received.planFileLabel()).isEqualTo("plan.json");
        assertThat(received.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> received.vars().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> received.ignore().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void itsTextNamesTheVariablesButNoValue() {
        StepRequest request = StepRequest.builder(StepRequest.Operation.APPLY).path("envs/prod")
                .secretVars(Map.of("TOKEN", SECRET)).build();

        assertThat(request.toString()).contains("APPLY", "envs/prod", "TOKEN").doesNotContain(SECRET);
    }

    /** A build's environment holds credentials too: only what finds helm and kubectl crosses to the agent. */
    @Test
    void ofTheBuildsEnvironmentOnlyWhatFindsTheToolsCrossesTheChannel() throws Exception {
        StepRequest request = StepRequest.builder(StepRequest.Operation.PLAN).tools(Map.of("PATH", "/tools/bin:/usr/bin",
                "GITOPS_HELM", "/tools/helm", "API_TOKEN", SECRET)).build();

        StepRequest received = roundTrip(request);

        assertThat(received.tools()).containsOnly(Map.entry("PATH", "/tools/bin:/usr/bin"),
                Map.entry("GITOPS_HELM", "/tools/helm"));
        assertThat(received.toString()).doesNotContain(SECRET);
    }

    private static StepRequest roundTrip(StepRequest request) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StepRequest) in.readObject();
        }
    }
}
