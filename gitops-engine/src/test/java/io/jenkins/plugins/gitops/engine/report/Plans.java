package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiffer;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Plans whose diffs come from the real differ, as the planner builds them (the pages' tests use them too). */
public final class Plans {
    public static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d";
    public static final String SECRET_VALUE = "s3cr3t-planted-value";
    public static final ResourceDiffer DIFFER = new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS);

    private Plans() {
    }

    public static Plan plan(String target, List<Change> changes) {
        return new Plan("https://git.example.com/shop.git", COMMIT, "envs/prod", target, "sha256:d", "sha256:l", true,
                Instant.parse("2026-01-01T00:00:00Z"), changes);
    }

    public static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    public static Map<String, Object> configMap(String name, String value) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: '" + name + "', namespace: shop}, "
                + "data: {color: '" + value + "'}}");
    }

    public static Change change(ResourceId id, Map<String, Object> live, Map<String, Object> desired, Origin origin) {
        ResourceDiff diff = DIFFER.diff(id, live, desired);
        Action action = live == null ? Action.CREATE : desired == null ? Action.DELETE
                : diff.changed() ? Action.UPDATE : Action.NOOP;
        return new Change(id, action, desired == null ? null : origin, live == null ? null : "7", diff.unifiedDiff(),
                action == Action.UPDATE ? diff.paths() : List.of());
    }

    public static Change update(String name) {
        return change(new ResourceId("", "ConfigMap", "shop", name), configMap(name, "red"), configMap(name, "blue"),
                new Origin("apps/" + name + ".yaml", 3));
    }

    /** One change of each action, the update a Secret whose values must never be shown. */
    public static Plan mixed() {
        ResourceId web = new ResourceId("apps", "Deployment", "shop", "web");
        Map<String, Object> deployment = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, "
                + "namespace: shop}, spec: {replicas: 2}}");
        String b64 = Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> liveSecret = yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, "
                + "data: {password: " + b64 + "}}");
        Map<String, Object> desiredSecret = yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: "
                + "shop}, stringData: {password: other-" + SECRET_VALUE + "}}");
        return plan("prod", List.of(
                change(web, null, deployment, new Origin("apps/web.yaml", 12)),
                change(new ResourceId("", "Secret", "shop", "db"), liveSecret, desiredSecret,
                        new Origin("apps/db.yaml", 1)),
                change(new ResourceId("", "ConfigMap", "shop", "same"), configMap("same", "x"), configMap("same", "x"),
                        new Origin("apps/same.yaml", 1)),
                change(new ResourceId("", "Service", "shop", "old"), yaml("{apiVersion: v1, kind: Service, metadata: "
                        + "{name: old, namespace: shop}, spec: {ports: [{port: 80}]}}"), null, null)));
    }

    public static String base64Secret() {
        return Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
    }
}
