package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Annotations;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ProgressCounter;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiffer;
import io.jenkins.plugins.gitops.engine.diff.Schemas;
import io.jenkins.plugins.gitops.engine.diff.ServerAdditions;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.StateDigest;
import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.ApiServer;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares an environment's desired state with what a target holds and lists, in apply order, what
 * applying would change. Reads the target; changes nothing.
 */
public final class Planner {
    /** Resources carrying this annotation with this value are never pruned. */

    private static final int NAMED_IN_WARNING = 3;

    private final Target target;
    private final Progress progress;
    private final Clock clock;
    /** A create's diff when bodies are left out. */
    private static final ResourceDiff BODY_LEFT_OUT = new ResourceDiff(true, "", List.of());
    private final DiffMode diffMode;
    private final boolean bodies;

    public Planner(Target target, Progress progress, Clock clock) {
        this(target, progress, clock, DiffMode.DEFAULT);
    }

    public Planner(Target target, Progress progress, Clock clock, DiffMode diffMode) {
        this(target, progress, clock, diffMode, true);
    }

    /**
     * @param bodies whether the diff of a create, a delete or a run holds the whole body, as plan files, JSON and
     *               the plan page need; without, it is empty: where nothing shows it (a text plan without
     *               --show-bodies), writing every body as YAML was most of a plan of large objects
     */
    public Planner(Target target, Progress progress, Clock clock, DiffMode diffMode, boolean bodies) {
        this.target = target;
        this.progress = progress;
        this.clock = clock;
        this.diffMode = diffMode;
        this.bodies = bodies;
    }

    /**
     * @param pruning whether to delete what the desired state no longer has, and everything when it is empty
     * @throws io.jenkins.plugins.gitops.engine.GitopsException when it is empty, would delete, and that is not allowed
     */
    public Plan plan(Environment env, Pruning pruning) {
        SecretRule.check(target, env);
        Map<ResourceId, Resource> all = TargetIds.desired(target, env.desired());
        all.values().forEach(Waves::waveOf); // a bad wave annotation fails the plan, not the apply
        // Run-once hooks are created anew by every apply: nothing live is theirs to compare.
        Map<ResourceId, Resource> desired = new LinkedHashMap<>();
        List<Resource> runs = new ArrayList<>();
        all.values().forEach(r -> {
            if (r.id().hasGeneratedName()) {
                runs.add(r);
            } else {
                desired.put(r.id(), r);
            }
        });
        SortedSet<ResourceId> owned = TargetIds.owned(target, target.readInventory());
        Map<ResourceId, LiveObject> live = LiveReads.of(target, desired,
                owned.stream().filter(id -> !desired.containsKey(id)).toList());

        Optional<ApiServer> server = target.apiServer();
        Schemas schemas = Schemas.of(desired.values().stream().map(Resource::body).toList(),
                groupVersion -> server.flatMap(s -> s.openApiDocument(groupVersion)));
        ResourceDiffer differ = new ResourceDiffer(env.ignoreRules(), target.capabilities().diffScope(), env.secrets(),
                server.flatMap(ApiServer::fieldManager).orElse(null), schemas);
        Map<ResourceId, ResourceDiff> clientDiffs = new ConcurrentHashMap<>();
        desired.values().parallelStream().forEach(resource -> clientDiffs.put(resource.id(),
                clientDiff(differ, live.get(resource.id()), resource, bodies)));
        Map<ResourceId, Map<String, Object>> previews = previews(desired, live, clientDiffs);

        // A preview holds everything the server would store, defaults included: compare all of it.
        ResourceDiffer previewDiffer = new ResourceDiffer(env.ignoreRules(), DiffScope.WHOLE_OBJECT, env.secrets());
        ProgressCounter counter = new ProgressCounter(progress, "plan", desired.size());
        List<Change> applies = new ArrayList<>(desired.values().parallelStream().map(resource -> {
            LiveObject current = live.get(resource.id());
            Map<String, Object> preview = previews.get(resource.id());
            ResourceDiff diff = preview == null ? clientDiffs.get(resource.id())
                    : previewDiffer.diff(resource.id(), current.body(), diffMode == DiffMode.SERVER_WITH_WEBHOOKS ? preview
                            : ServerAdditions.hidden(preview, current.body(), resource.body()));
            Action action = current == null ? Action.CREATE : diff.changed() ? Action.UPDATE : Action.NOOP;
            counter.step();
            return new Change(resource.id(), action, resource.origin(), current == null ? null : current.version(),
                    diff.unifiedDiff(), action == Action.UPDATE ? diff.paths() : List.of());
        }).toList());
        // What will run, shown whole (secrets masked) for review, as a create is, and left out where a create is.
        runs.forEach(run -> applies.add(new Change(run.id(), Action.RUN, run.origin(), null,
                bodies ? differ.diff(run.id(), null, run.body()).unifiedDiff() : "")));

        List<Change> deletes = new ArrayList<>();
        if (pruning.deletes()) {
            for (ResourceId id : owned) {
                LiveObject orphan = live.get(id);
                if (!desired.containsKey(id) && orphan != null && !pruneDisabled(orphan)) {
                    deletes.add(new Change(id, Action.DELETE, null, orphan.version(),
                            bodies ? differ.diff(id, orphan.body(), null).unifiedDiff() : ""));
                }
            }
        }
        EmptyDesiredState.check(env, deletes, pruning == Pruning.ALLOW_EMPTY);
        return new Plan(env.repository(), env.commit(), env.path(), target.identity(),
                StateDigest.of(env.desired(), target.digestKey(), env.secrets()),
                LiveFingerprint.of(owned, applies, deletes), pruning.deletes(), clock.instant(),
                order(applies, all, deletes), null, env.remoteUrl(), null, env.desired().renderedBy());
    }

    private static ResourceDiff clientDiff(ResourceDiffer differ, LiveObject current, Resource resource,
            boolean bodies) {
        if (current == null && !bodies) {
            return BODY_LEFT_OUT;
        }
        return unchangedSinceApplied(current, resource) ? ResourceDiff.UNCHANGED
                : differ.diff(resource.id(), current == null ? null : current.body(), resource.body());
    }

    /**
     * Server previews of the resources that exist and may change: a create shows the manifest itself, and an
     * object whose client comparison is identical changes only if the apply also removes fields (which the
     * target tells). A target that stores exactly what it is given previews nothing new, so it is not asked.
     */
    private Map<ResourceId, Map<String, Object>> previews(Map<ResourceId, Resource> desired,
            Map<ResourceId, LiveObject> live, Map<ResourceId, ResourceDiff> clientDiffs) {
        Optional<ApiServer> server = target.apiServer();
        if (!diffMode.server() || server.isEmpty()
                || target.capabilities().diffScope() == DiffScope.WHOLE_OBJECT) {
            return Map.of();
        }
        List<Resource> existing = desired.values().stream().filter(r -> live.containsKey(r.id()))
                .filter(r -> clientDiffs.get(r.id()).changed()
                        || server.get().applyMayChangeMoreThanItSets(live.get(r.id()), r))
                .toList();
        Map<ResourceId, Map<String, Object>> previews = server.get().preview(existing);
        List<String> unpreviewed = existing.stream().map(Resource::id).filter(id -> !previews.containsKey(id))
                .map(ResourceId::toString).toList();
        if (!unpreviewed.isEmpty()) {
            progress.warn("the target cannot dry-run the apply of " + unpreviewed.size() + " resource(s) ("
                    + String.join(", ", unpreviewed.subList(0, Math.min(NAMED_IN_WARNING, unpreviewed.size())))
                    + (unpreviewed.size() > NAMED_IN_WARNING ? ", ..." : "")
                    + "); compared them client-side, on the fields their manifests set");
        }
        return previews;
    }

    /** The target holds, untouched, exactly the body now desired: nothing to compare. */
    private static boolean unchangedSinceApplied(LiveObject current, Resource resource) {
        return current != null && current.appliedDigest()
                .filter(resource.digest()::equals).isPresent();
    }

    public static boolean pruneDisabled(LiveObject live) {
        return Documents.annotations(live.body()).map(a -> Annotations.DISABLED.equals(a.get(Annotations.PRUNE)))
                .orElse(false);
    }

    private static List<Change> order(List<Change> applies, Map<ResourceId, Resource> desired, List<Change> deletes) {
        List<Change> ordered = new ArrayList<>();
        Waves.group(applies, Change::id, c -> Waves.keyOf(desired.get(c.id()))).forEach(ordered::addAll);
        Waves.deleteOrder(deletes, Change::id).forEach(ordered::addAll);
        return ordered;
    }
}
