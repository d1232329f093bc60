package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.ApiServer;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The desired resources and the inventory under the target's canonical ids ({@link ApiServer#canonical}), so that
 * plan, apply and prune agree on which object each id means, whatever the manifests or an older inventory wrote.
 */
public final class TargetIds {
    private static final String CRD_GROUP = "apiextensions.k8s.io";

    private TargetIds() {
    }

    /**
     * Desired resources by canonical id.
     *
     * @throws InvalidDesiredStateException when two manifests name one object, or a kind the target does not
     *     serve is not defined by a CRD in the desired state
     */
    public static Map<ResourceId, Resource> desired(Target target, DesiredState state) {
        Set<String> definedKinds = crdKinds(state);
        Map<ResourceId, Resource> byId = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Resource r : state.resources()) {
            ResourceId id = r.id();
            if (!serves(target, id) && !definedKinds.contains(id.group() + "/" + id.kind())) {
                problems.add(new Problem(r.origin(), "kind " + id.kind() + (id.group().isEmpty() ? "" : " in group "
                        + id.group()) + " is not served by " + target.identity() + " and no CustomResourceDefinition"
                        + " in the desired state defines it; install its CRD or add the CRD to the desired state"));
                continue;
            }
            ResourceId canonical = canonical(target, id);
            Resource previous = byId.putIfAbsent(canonical,
                    canonical.equals(id) ? r : r.withId(canonical));
            if (previous != null) {
                problems.add(new Problem(r.origin(), id + " is the object " + canonical + " already declared at "
                        + previous.origin() + "; keep one of them"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDesiredStateException(problems);
        }
        return byId;
    }

    /** The inventory's resources by canonical id (older entries may have been written before canonical ids). */
    public static SortedSet<ResourceId> owned(Target target, Inventory inventory) {
        SortedSet<ResourceId> owned = new TreeSet<>();
        inventory.resources().forEach(id -> owned.add(canonical(target, id)));
        return owned;
    }

    /** The id under which the target stores {@code id}: a plain store keeps every id as given. */
    public static ResourceId canonical(Target target, ResourceId id) {
        return target.apiServer().map(server -> server.canonical(id)).orElse(id);
    }

    private static boolean serves(Target target, ResourceId id) {
        return target.apiServer().map(server -> server.serves(id.group(), id.kind())).orElse(true);
    }

    private static Set<String> crdKinds(DesiredState state) {
        Set<String> kinds = new HashSet<>();
        for (Resource r : state.resources()) {
            if (r.id().kind().equals("CustomResourceDefinition") && r.id().group().equals(CRD_GROUP)) {
                Documents.map(r.body(), "spec").ifPresent(spec -> Documents.string(spec, "group").ifPresent(group ->
                        Documents.map(spec, "names").flatMap(n -> Documents.string(n, "kind"))
                                .ifPresent(kind -> kinds.add(group + "/" + kind))));
            }
        }
        return kinds;
    }
}
