package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * A directory target that holds an earlier apply of the desired state with {@value #DRIFT_PERCENT}% drift,
 * in equal parts: resources edited by hand, resources deleted by hand, and resources still owned (in the
 * inventory) that the desired state no longer has.
 */
final class LiveState {
    static final int DRIFT_PERCENT = 10;

    private LiveState() {
    }

    /** What was written: the counts a plan must find. */
    record Drift(int edited, int deleted, int extra) {
    }

    static Drift write(Environment env, Path dir) {
        DirectoryTarget target = new DirectoryTarget(dir);
        List<Resource> resources = env.desired().resources();
        int each = Math.max(1, resources.size() * DRIFT_PERCENT / 100 / 3);
        // Spread over the whole state (every kind gets some), not the first resources of one file.
        int stride = Math.max(1, resources.size() / (2 * each));
        TreeSet<ResourceId> owned = new TreeSet<>();
        IntStream.range(0, resources.size()).parallel().forEach(i -> {
            Resource r = resources.get(i);
            boolean drifted = i % stride == 0 && i / stride < 2 * each;
            if (drifted && (i / stride) % 2 == 1) {
                return; // deleted by hand
            }
            target.apply(drifted ? edited(r) : r);
        });
        resources.forEach(r -> owned.add(r.id()));
        for (int i = 0; i < each; i++) {
            Resource extra = extra(i);
            target.apply(extra);
            owned.add(extra.id());
        }
        target.flush();
        target.writeInventory(new Inventory(owned, List.of()));
        return new Drift(each, each, each);
    }

    /** A hand edit that a diff must show: a changed value, and for Secrets a changed secret. */
    private static Resource edited(Resource r) {
        Map<String, Object> body = Documents.mutableCopy(r.body());
        Map<String, Object> meta = Documents.metadata(body).orElseThrow();
        meta.put("labels", Map.of("edited-by", "hand"));
        if (body.get("data") instanceof Map<?, ?> data && !data.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) data;
            values.replaceAll((k, v) -> "aGFuZC1lZGl0ZWQ=");
        }
        return new Resource(r.id(), r.apiVersion(), body, r.origin());
    }

    private static Resource extra(int i) {
        String name = String.format("removed-from-git-%05d", i);
        Map<String, Object> body = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", "team-0"), "data", Map.of("stale", "true"));
        return new Resource(new ResourceId("", "ConfigMap", "team-0", name), "v1", body, null);
    }
}
