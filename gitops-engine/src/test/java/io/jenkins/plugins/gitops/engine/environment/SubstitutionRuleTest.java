package io.jenkins.plugins.gitops.engine.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 1: substitution is opt-in. kube-prometheus's manifests hold Grafana's and Prometheus's own
 * {@code ${...}}; they failed to plan when every {@code ${...}} was taken for a variable.
 */
class SubstitutionRuleTest {
    static final ResourceId DASHBOARD = new ResourceId("", "ConfigMap", "monitoring", "grafana-dashboard-apiserver");

    @TempDir
    Path tmp;
    GitRepoFixture git;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void init() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of(SubstitutionRuleTest.class.getResource("/corpus/kube-prometheus-like").toURI()),
                "manifests");
        git.commit("kube-prometheus-like");
    }

    private Environment load(Map<String, String> variables) {
        return new EnvironmentLoader(RenderOptions.defaults().withVariables(variables), List.of(), new Progress() {
            @Override
            public void update(String phase, int done, int total) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }).load(new SourceSpec(git.dir().toString(), null, "manifests"));
    }

    private static String dashboard(Environment env) {
        return (String) Documents.map(env.desired().find(DASHBOARD).orElseThrow().body(), "data").orElseThrow()
                .get("apiserver.json");
    }

    @Test
    void aCorpusWithGrafanasOwnReferencesPlansAndAppliesUnchanged() throws Exception {
        Environment env = load(Map.of());
        String source = Files.readString(git.dir().resolve("manifests/grafana-dashboardDefinitions.yaml"));
        assertThat(dashboard(env)).contains("\"${datasource}\"", "[${__rate_interval}]", "${cluster:text}",
                "${interval:=1m}");
        assertThat(source).contains(dashboard(env).lines().skip(3).findFirst().orElseThrow().strip());
        assertThat(env.desired().resources()).hasSize(4);

        FlowFixture flow = new FlowFixture(git.dir(), "manifests", new DirectoryTarget(tmp.resolve("target")));
        Plan plan = flow.plan("HEAD");
        assertThat(plan.summary().create()).isEqualTo(4);
        assertThat(flow.apply(plan).succeeded()).isTrue();
        assertThat(flow.plan("HEAD").summary().hasChanges()).isFalse();
        assertThat(flow.verify("HEAD").inSync()).isTrue();
    }

    @Test
    void substituteTrueTurnsItOnWithItsStrictErrors() {
        git.write("manifests/.gitops.yaml", "substitute: true\n");
        git.commit("opt in");
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(InvalidDesiredStateException.class)
                .hasMessageContaining("variable ${datasource} has no value")
                .hasMessageContaining("shell-style ${NAME:-...} is not supported");
    }

    @Test
    void declaredVariablesTurnItOnAndSuppliedValuesWin() {
        git.write("manifests/.gitops.yaml", "variables:\n  datasource: prometheus\n  instance: node-1\n"
                + "  IP: 0.0.0.0\n  __rate_interval: 5m\n  cluster: c\n");
        git.write("manifests/node-exporter-daemonset.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: ports\n  namespace: monitoring\ndata:\n  ip: ${IP}\n");
        git.commit("declare variables");
        // ${cluster:text} is not our syntax: with substitution on it is an error, so it goes.
        git.write("manifests/grafana-dashboardDefinitions.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: grafana-dashboard-apiserver\n  namespace: monitoring\ndata:\n"
                + "  apiserver.json: '{\"datasource\": \"${datasource}\"}'\n");
        git.commit("only our syntax");
        Environment env = load(Map.of("datasource", "thanos"));
        assertThat(dashboard(env)).isEqualTo("{\"datasource\": \"thanos\"}");
        assertThat(Documents.map(env.desired().find(new ResourceId("", "ConfigMap", "monitoring", "ports"))
                .orElseThrow().body(), "data").orElseThrow()).containsEntry("ip", "0.0.0.0");
    }

    @Test
    void suppliedVariablesTurnItOnUnlessTheEnvironmentSaysFalse() {
        assertThatThrownBy(() -> load(Map.of("TAG", "1.0"))).isInstanceOf(InvalidDesiredStateException.class)
                .hasMessageContaining("variable ${datasource} has no value");

        git.write("manifests/.gitops.yaml", "substitute: false\n");
        git.commit("never substitute here");
        assertThat(dashboard(load(Map.of("TAG", "1.0")))).contains("\"${datasource}\"");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("substitute: false",
                "variables given are not used"));
    }

    @Test
    void badSettingsAreNamed() {
        git.write("manifests/.gitops.yaml", "substitute: yes\n");
        git.commit("yes is a string now");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("substitute must be true or false");
        git.write("manifests/.gitops.yaml", "variables:\n  1BAD: x\n");
        git.commit("bad name");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("1BAD is not a variable name");
    }
}
