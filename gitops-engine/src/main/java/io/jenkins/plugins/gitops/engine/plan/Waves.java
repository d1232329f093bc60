package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Annotations;

import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The order in which resources are applied. Namespaces and CRDs come first because everything else may
 * live in them or be one of their kinds; then the {@code gitops.jenkins.io/wave} annotation (an integer,
 * default 0), which lets users sequence what kinds cannot express (a migration Job before the app); then
 * kinds in dependency order (service accounts, config and storage before the workloads that mount them).
 * Each (stage, wave, kind) group is one wave: its members are independent and go in parallel. Deletes run
 * the waves backwards.
 */
public final class Waves {

    private static final List<String> KIND_ORDER = List.of(
            "Namespace", "CustomResourceDefinition", "PriorityClass", "NetworkPolicy", "ResourceQuota",
            "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap",
            "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding",
            "Role", "RoleBinding", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet",
            "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
            "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private Waves() {
    }

    /** The wave key of a resource; smaller keys go first. */
    public record Key(int stage, int wave, int kindRank, String kind) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparingInt(Key::stage).thenComparingInt(Key::wave)
                .thenComparingInt(Key::kindRank).thenComparing(Key::kind);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    public static Key keyOf(ResourceId id, int waveAnnotation) {
        boolean first = id.kind().equals("Namespace") && id.group().isEmpty()
                || id.kind().equals("CustomResourceDefinition") && id.group().equals("apiextensions.k8s.io");
        int rank = KIND_ORDER.indexOf(id.kind());
        return new Key(first ? 0 : 1, first ? 0 : waveAnnotation, rank < 0 ? KIND_ORDER.size() : rank, id.kind());
    }

    /** The wave annotation of a resource, 0 when absent. */
    public static int waveOf(Resource resource) {
        return resource.annotation(Annotations.WAVE).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidDesiredStateException(List.of(new Problem(resource.origin(), "annotation "
                        + Annotations.WAVE + " of " + resource.id() + " must be an integer such as \"-1\" or \"2\"")));
            }
        }).orElse(0);
    }

    /** Groups items into waves in apply order; members of a wave are sorted by id for stable output. */
    public static <T> List<List<T>> group(List<T> items, Function<T, ResourceId> id, Function<T, Integer> wave) {
        Map<Key, List<T>> waves = new TreeMap<>();
        for (T item : items) {
            waves.computeIfAbsent(keyOf(id.apply(item), wave.apply(item)), k -> new ArrayList<>()).add(item);
        }
        List<List<T>> out = new ArrayList<>();
        for (List<T> members : waves.values()) {
            members.sort(Comparator.comparing(id));
            out.add(members);
        }
        return out;
    }
}
