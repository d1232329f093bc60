package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A rendered desired state for a cluster: {@value #KINDS_COUNT} built-in kinds in {@value #NAMESPACES} namespaces,
 * spread evenly, as the files {@code kubectl -f <dir>} reads (one per namespace and kind) and as resources.
 */
final class KubeCorpus {
    static final int NAMESPACES = 20;
    static final int KINDS_COUNT = 12;
    private static final List<String> KINDS = List.of("ConfigMap", "Secret", "Service", "ServiceAccount",
            "PersistentVolumeClaim", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "HorizontalPodAutoscaler", "Lease");

    private KubeCorpus() {
    }

    /** Writes {@code size} resources into {@code dir}, one file per namespace and kind. */
    static void write(Path dir, int size) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String kind = KINDS.get(i % KINDS.size());
            String ns = "ns-" + (i / KINDS.size()) % NAMESPACES;
            String name = String.format("%s-%05d", kind.toLowerCase(), i);
            files.computeIfAbsent(ns + "-" + kind.toLowerCase() + ".yaml", f -> new StringBuilder())
                    .append("---\n").append(manifest(kind, ns, name));
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, StringBuilder> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources of the files {@link #write} wrote, as the render stage hands them to the planner. */
    static List<Resource> read(Path dir) {
        List<Resource> resources = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Path file : PlanChild.manifestFiles(dir)) {
            try {
                int doc = 0;
                for (Object document : yaml.loadAll(Files.readString(file))) {
                    resources.add(resource(file.getFileName().toString(), doc++, Documents.freeze(asMap(document))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resources;
    }

    static DesiredState desired(List<Resource> resources) {
        return DesiredState.of(resources);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object document) {
        return (Map<String, Object>) document;
    }

    private static Resource resource(String file, int doc, Map<String, Object> body) {
        String apiVersion = (String) body.get("apiVersion");
        Map<String, Object> metadata = Documents.metadata(body).orElseThrow();
        ResourceId id = new ResourceId(ResourceId.groupOf(apiVersion), (String) body.get("kind"),
                (String) metadata.get("namespace"), (String) metadata.get("name"));
        return new Resource(id, apiVersion, body, new Origin(file, doc));
    }

    private static String manifest(String kind, String ns, String name) {
        String meta = "metadata:\n  name: " + name + "\n  namespace: " + ns + "\n  labels:\n"
                + "    app.kubernetes.io/part-of: bench\n    team: " + ns + "\n";
        String pod = "    metadata:\n      labels: {app: " + name + "}\n    spec:\n      containers:\n"
                + "      - name: main\n        image: nginx:1.27\n        ports:\n        - containerPort: 8080\n";
        return switch (kind) {
            case "ConfigMap" -> "apiVersion: v1\nkind: ConfigMap\n" + meta + "data:\n  LOG_LEVEL: info\n  REGION: eu\n";
            case "Secret" -> "apiVersion: v1\nkind: Secret\n" + meta + "type: Opaque\ndata:\n  token: c2VjcmV0\n";
            case "Service" -> "apiVersion: v1\nkind: Service\n" + meta + "spec:\n  selector: {app: " + name + "}\n"
                    + "  ports:\n  - port: 80\n    targetPort: 8080\n    protocol: TCP\n";
            case "ServiceAccount" -> "apiVersion: v1\nkind: ServiceAccount\n" + meta;
            case "PersistentVolumeClaim" -> "apiVersion: v1\nkind: PersistentVolumeClaim\n" + meta
                    + "spec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests: {storage: 1Gi}\n";
            case "Deployment" -> "apiVersion: apps/v1\nkind: Deployment\n" + meta + "spec:\n  replicas: 2\n"
                    + "  progressDeadlineSeconds: 600\n  selector:\n    matchLabels: {app: " + name + "}\n  template:\n" + pod;
            case "StatefulSet" -> "apiVersion: apps/v1\nkind: StatefulSet\n" + meta + "spec:\n  serviceName: " + name
                    + "\n  replicas: 1\n  selector:\n    matchLabels: {app: " + name + "}\n  template:\n" + pod;
            case "DaemonSet" -> "apiVersion: apps/v1\nkind: DaemonSet\n" + meta + "spec:\n  selector:\n"
                    + "    matchLabels: {app: " + name + "}\n  template:\n" + pod;
            case "Job" -> "apiVersion: batch/v1\nkind: Job\n" + meta + "spec:\n  backoffLimit: 2\n  template:\n"
                    + pod.replace("    spec:\n", "    spec:\n      restartPolicy: Never\n");
            case "CronJob" -> "apiVersion: batch/v1\nkind: CronJob\n" + meta + "spec:\n  schedule: \"0 3 * * *\"\n"
                    + "  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n"
                    + "          containers:\n          - name: main\n            image: busybox:1.36\n";
            case "HorizontalPodAutoscaler" -> "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n" + meta
                    + "spec:\n  minReplicas: 1\n  maxReplicas: 4\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment,"
                    + " name: " + name + "}\n";
            case "Lease" -> "apiVersion: coordination.k8s.io/v1\nkind: Lease\n" + meta
                    + "spec:\n  holderIdentity: " + name + "\n  leaseDurationSeconds: 30\n";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
