package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.TargetIds;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * What an apply starts from, read once under the lock: the desired resources and the inventory, both under
 * the target's canonical ids.
 */
record ApplyState(Map<ResourceId, Resource> desired, Inventory inventory, SortedSet<ResourceId> owned) {
    /** The desired resources an apply comes to own: all but run-once hooks, which nobody owns once they ran. */
    Set<ResourceId> managed() {
        return desired.keySet().stream().filter(id -> !id.hasGeneratedName())
                .collect(Collectors.toUnmodifiableSet());
    }

    static ApplyState read(Target target, Environment env) {
        Inventory inventory = target.readInventory();
        return new ApplyState(TargetIds.desired(target, env.desired()), inventory, TargetIds.owned(target, inventory));
    }
}
