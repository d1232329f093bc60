package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Annotations;
import io.jenkins.plugins.gitops.engine.model.Hook;

import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The order in which resources are applied. Namespaces and CRDs come first because everything else may
 * live in them or be one of their kinds; then the {@code gitops.jenkins.io/wave} annotation (an integer,
 * default 0), which lets users sequence what kinds cannot express (a migration Job before the app); then
 * kinds in dependency order (service accounts, config and storage before the workloads that mount them).
 * Each (stage, wave, kind) group is one wave: its members are independent and go in parallel. Deletes run
 * the waves backwards.
 *
 * <p>Hooks ({@link Hook}) keep Helm's order: pre-install/pre-upgrade hooks (and Argo CD's PreSync) in waves of
 * their own after namespaces and CRDs and before everything else, post-install/post-upgrade (PostSync) after
 * everything else; within a phase, by hook weight, then kind, as Helm sorts them. Argo CD's {@code sync-wave}
 * annotation is a resource's wave when it has no {@code gitops.jenkins.io/wave}, and an Argo CD {@code Sync} hook
 * goes with the other resources in its sync wave, as Argo CD orders a sync (phase, wave, kind).
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

    /** The key of a resource that is no hook, or of a delete (deletes ignore hooks and waves alike). */
    public static Key keyOf(ResourceId id, int waveAnnotation) {
        return keyOf(id, Optional.empty(), waveAnnotation);
    }

    /** The key of a desired resource: its hook phase and weight, else its wave annotation. */
    public static Key keyOf(Resource resource) {
        Optional<Hook> hook = Hook.of(resource.body());
        return keyOf(resource.id(), hook, hook.map(Hook::weight).orElseGet(() -> waveOf(resource)));
    }

    private static Key keyOf(ResourceId id, Optional<Hook> hook, int wave) {
        boolean first = id.kind().equals("Namespace") && id.group().isEmpty()
                || id.kind().equals("CustomResourceDefinition") && id.group().equals("apiextensions.k8s.io");
        int rank = KIND_ORDER.indexOf(id.kind());
        int stage = first ? 0 : hook.map(h -> switch (h.phase()) {
            case PRE -> 1;
            case SYNC -> 2;
            case POST -> 3;
        }).orElse(2);
        return new Key(stage, first ? 0 : wave, rank < 0 ? KIND_ORDER.size() : rank, id.kind());
    }

    /** The wave annotation of a resource, else Argo CD's sync wave, else 0. */
    public static int waveOf(Resource resource) {
        return resource.annotation(Annotations.WAVE).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidDesiredStateException(List.of(new Problem(resource.origin(), "annotation "
                        + Annotations.WAVE + " of " + resource.id() + " must be an integer such as \"-1\" or \"2\"")));
            }
        }).orElseGet(() -> Hook.syncWave(resource.body()));
    }

    /** Deletes in waves: the apply order of kinds, backwards (hooks and wave annotations play no part). */
    public static <T> List<List<T>> deleteOrder(List<T> items, Function<T, ResourceId> id) {
        List<List<T>> waves = group(items, id, item -> keyOf(id.apply(item), 0));
        Collections.reverse(waves);
        return waves;
    }

    /** Groups items into waves in apply order; members of a wave are sorted by id for stable output. */
    public static <T> List<List<T>> group(List<T> items, Function<T, ResourceId> id, Function<T, Key> key) {
        Map<Key, List<T>> waves = new TreeMap<>();
        for (T item : items) {
            waves.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        List<List<T>> out = new ArrayList<>();
        for (List<T> members : waves.values()) {
            members.sort(Comparator.comparing(id));
            out.add(members);
        }
        return out;
    }
}
