package io.jenkins.plugins.gitops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl, the reference of the kube-prometheus rows, really prints every object of the corpus. */
class ShapesBenchTest {
    private static final Path CORPUS = Path.of("corpus/kube-prometheus/manifests");

    @Test
    void kubectlDryRunPrintsEveryObjectOfTheCorpusThroughTheDiscoveryStub(@TempDir Path tmp) throws Exception {
        assumeTrue(Kubectl.available(), "kubectl is not installed");
        try (DiscoveryStub stub = DiscoveryStub.serving(ShapesBench.kinds(CORPUS))) {
            Path kubeconfig = stub.writeKubeconfig(tmp.resolve("kubeconfig"));

            NewProcess run = NewProcess.check(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "create",
                    "--dry-run=client", "--validate=false", "-o", "yaml", "-R", "-f", CORPUS.toString()),
                    tmp.resolve("out"), tmp.resolve("err"), 0);

            String out = Files.readString(tmp.resolve("out"));
            assertThat(out.lines().filter(l -> l.startsWith("kind: ") || l.startsWith("  kind: ConfigMap")))
                    .hasSizeGreaterThanOrEqualTo(95);
            assertThat(out).contains("kind: CustomResourceDefinition", "name: prometheuses.monitoring.coreos.com",
                    "kind: Prometheus", "grafana-dashboard-");
            assertThat(Files.size(tmp.resolve("out"))).isGreaterThan(4_000_000);
            assertThat(run.peakRssMb()).isPositive();
            assertThat(run.cpuMillis()).isPositive();
            assertThat(run.millis()).isPositive();
        }
    }
}
