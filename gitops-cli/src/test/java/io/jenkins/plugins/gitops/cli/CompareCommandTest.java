package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops compare}, on a Service modelled on one captured by Argo CD's gitops-engine tests. */
class CompareCommandTest {
    private static final String LIVE = """
            apiVersion: v1
            kind: Service
            metadata:
              labels:
                app.kubernetes.io/instance: httpbin
                delete-me: delete-value
              managedFields:
              - apiVersion: v1
                fieldsType: FieldsV1
                fieldsV1:
                  f:metadata:
                    f:labels:
                      f:app.kubernetes.io/instance: {}
                      f:delete-me: {}
                  f:spec:
                    f:ports:
                      k:{"port":7777,"protocol":"TCP"}:
                        .: {}
                        f:name: {}
                        f:port: {}
                        f:targetPort: {}
                    f:selector: {}
                manager: argocd-controller
                operation: Apply
              name: httpbin-svc
              namespace: httpbin
              resourceVersion: "159005"
            spec:
              clusterIP: 10.96.59.144
              ports:
              - name: http-port
                port: 7777
                protocol: TCP
                targetPort: 80
              selector:
                app: httpbin
              sessionAffinity: None
              type: ClusterIP
            """;
    private static final String DESIRED = """
            {"apiVersion": "v1", "kind": "Service",
             "metadata": {"name": "httpbin-svc", "namespace": "httpbin", "labels": {"app.kubernetes.io/instance": "httpbin"}},
             "spec": {"ports": [{"name": "http-port", "port": 7777, "targetPort": %s}], "selector": {"app": "httpbin"},
                      "loadBalancerSourceRanges": []}}
            """;

    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void noDifferenceExitsZero() throws IOException {
        Cli cli = Cli.run("compare", file("svc.json", DESIRED.formatted("80")), file("live.yaml", LIVE));

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("No differences", "Service/httpbin/httpbin-svc");
    }

    @Test
    void aDifferenceIsPrintedAsAPlanPrintsItAndExitsTwo() throws IOException {
        Cli cli = Cli.run("compare", file("svc.json", DESIRED.formatted("8080")), file("live.yaml", LIVE));

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
        assertThat(cli.out()).contains("~ update Service/httpbin/httpbin-svc", "spec.ports[port=7777,protocol=TCP].targetPort",
                "-    targetPort: 80", "+    targetPort: 8080");
    }

    @Test
    void theFieldManagerDecidesWhatADroppedFieldMeans() throws IOException {
        String desired = file("svc.json", DESIRED.formatted("80"));
        String live = file("live.yaml", LIVE);

        Cli owner = Cli.run("compare", desired, live, "--field-manager", "argocd-controller");
        assertThat(owner.exitCode()).as(owner.toString()).isEqualTo(2);
        assertThat(owner.out()).contains("metadata.labels.delete-me", "-    delete-me: delete-value");

        Cli ignored = Cli.run("compare", desired, live, "--field-manager", "argocd-controller",
                "--ignore", "Service/httpbin-svc=/metadata/labels/delete-me");
        assertThat(ignored.exitCode()).as(ignored.toString()).isZero();
    }

    @Test
    void aFileThatIsNotOneObjectIsAnErrorNamingIt() throws IOException {
        String two = file("two.yaml", LIVE + "---\n" + LIVE);

        Cli cli = Cli.run("compare", file("svc.json", DESIRED.formatted("80")), two);

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("two.yaml holds 2 documents", "LIVE must be exactly one object");
    }

    @Test
    void aCrdGivesACustomResourcesListKeysAsThePlanHasThem() throws IOException {
        // kube-prometheus' Prometheus CRD (gitops-bench's corpus, Apache-2.0): hostAliases is a map list keyed by ip.
        Path crd = Path.of("../gitops-bench/corpus/kube-prometheus/manifests/setup/0prometheusCustomResourceDefinition.yaml");
        String prometheus = """
                apiVersion: monitoring.coreos.com/v1
                kind: Prometheus
                metadata: {name: k8s, namespace: monitoring}
                spec:
                  hostAliases:
                  - {ip: %s, hostnames: [%s]}
                  - {ip: %s, hostnames: [%s]}
                """;
        String desired = file("prometheus.yaml", prometheus.formatted("10.0.0.1", "a", "10.0.0.2", "b"));
        String live = file("live.yaml", prometheus.formatted("10.0.0.2", "b", "10.0.0.1", "a"));

        Cli typed = Cli.run("compare", desired, live, "--crd", crd.toString());
        assertThat(typed.exitCode()).as(typed.toString()).isZero();
        Cli untyped = Cli.run("compare", desired, live);
        assertThat(untyped.exitCode()).as(untyped.toString()).isEqualTo(2);
    }
}
