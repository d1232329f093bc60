package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import java.util.List;
import java.util.Map;

/**
 * Compares a live object with its desired manifest: normalize both, keep of the live one what a server-side
 * apply of the manifest would leave different when the scope says so ({@link ApplyProjection}), mask secrets,
 * then a unified diff of the canonical YAML. Whether it changed is decided before the values of secret variables
 * are masked, so a change hidden by the mask is still a change. Thread-safe.
 */
public final class ResourceDiffer {
    /** The whole diff of a change that lies entirely inside masked values, so that an update still has a diff. */
    static final String HIDDEN_CHANGE = "# changed only inside values of secret variables, which are masked";

    private final Normalizer normalizer;
    private final DiffScope scope;
    private final SecretValues secrets;
    private final String fieldManager;
    private final Schemas schemas;

    public ResourceDiffer(List<IgnoreRule> rules, DiffScope scope) {
        this(rules, scope, SecretValues.NONE);
    }

    public ResourceDiffer(List<IgnoreRule> rules, DiffScope scope, SecretValues secrets) {
        this(rules, scope, secrets, null);
    }

    /**
     * @param fieldManager the server-side apply field manager whose fields an apply removes when the manifest
     *                     no longer sets them ({@link DiffScope#DESIRED_FIELDS}); null: no manager of ours
     */
    public ResourceDiffer(List<IgnoreRule> rules, DiffScope scope, SecretValues secrets, String fieldManager) {
        this(rules, scope, secrets, fieldManager, Schemas.BUILT_IN);
    }

    /** @param schemas the types of kinds, custom resources' too, for {@link DiffScope#DESIRED_FIELDS} */
    public ResourceDiffer(List<IgnoreRule> rules, DiffScope scope, SecretValues secrets, String fieldManager,
            Schemas schemas) {
        this.normalizer = new Normalizer(rules);
        this.scope = scope;
        this.secrets = secrets;
        this.fieldManager = fieldManager;
        this.schemas = schemas;
    }

    /** Either side may be null: the object is to be created (no live) or deleted (no desired). */
    @SuppressWarnings("unchecked")
    public ResourceDiff diff(ResourceId id, Map<String, Object> live, Map<String, Object> desired) {
        if (live == null && desired == null) {
            throw new IllegalArgumentException("nothing to compare for " + id);
        }
        // Every step below treats both sides alike, so equal bodies come out equal: skip the copies.
        if (live != null && live.equals(desired)) {
            return ResourceDiff.UNCHANGED;
        }
        Map<String, Object> before = live == null ? null : normalizer.normalize(id, live);
        Map<String, Object> after = desired == null ? null : normalizer.normalize(id, desired);
        SecretMasker.foldStringData(id, before, after);
        SchemaType type = null;
        if (before != null && after != null && scope == DiffScope.DESIRED_FIELDS) {
            type = schemas.of(desired.get("apiVersion"), desired.get("kind"));
            ApplyProjection.clean(type, before);
            ApplyProjection.clean(type, after);
            if (ApplyProjection.clusterScoped(live)) {
                Documents.metadata(after).ifPresent(m -> m.remove("namespace"));
            }
            before = ApplyProjection.before(type, before, after, live, fieldManager);
        }
        SecretMasker.mask(id, before, after);
        // Most resources of a plan are unchanged: skip serialising them when the trees are already equal.
        if (before != null && before.equals(after)) {
            return ResourceDiff.UNCHANGED;
        }
        List<String> beforeLines = lines(before);
        List<String> afterLines = lines(after);
        if (beforeLines.equals(afterLines)) {
            return ResourceDiff.UNCHANGED;
        }
        List<String> paths = before == null || after == null ? List.of()
                : ChangedPaths.between(before, after, type).stream().map(secrets::mask).toList();
        if (!secrets.isEmpty()) {
            beforeLines = lines((Map<String, Object>) secrets.maskLive(before, after));
            afterLines = lines((Map<String, Object>) secrets.mask(after));
        }
        String name = secrets.mask(id.toString());
        StringBuilder text = new StringBuilder(
                UnifiedDiff.between("live/" + name, "desired/" + name, beforeLines, afterLines));
        if (beforeLines.equals(afterLines)) {
            text.append("--- live/").append(name).append('\n').append("+++ desired/").append(name).append('\n')
                    .append(HIDDEN_CHANGE).append('\n');
        }
        return new ResourceDiff(true, text.toString(), paths);
    }

    private static List<String> lines(Map<String, Object> tree) {
        return tree == null ? List.of() : Canonical.yaml(tree).lines().toList();
    }
}
