package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Helm hook ({@code helm.sh/hook}, ordered by {@code helm.sh/hook-weight}) or an Argo CD hook
 * ({@code argocd.argoproj.io/hook}, ordered by {@code argocd.argoproj.io/sync-wave}), as far as an apply can
 * honour it: a phase before, with or after the other resources, and a weight within the phase. Helm's
 * {@code pre-install}/{@code pre-upgrade} and Argo CD's {@code PreSync} come before, Argo CD's {@code Sync} with the
 * other resources (in its sync wave), {@code post-install}/{@code post-upgrade} and {@code PostSync} after; a hook
 * for several phases runs in the first.
 */
public record Hook(Phase phase, int weight) {
    public static final String HELM = "helm.sh/hook";
    public static final String HELM_WEIGHT = "helm.sh/hook-weight";
    public static final String ARGO = "argocd.argoproj.io/hook";
    public static final String ARGO_WAVE = "argocd.argoproj.io/sync-wave";
    private static final Set<String> HELM_PRE = Set.of("pre-install", "pre-upgrade");
    private static final Set<String> HELM_POST = Set.of("post-install", "post-upgrade");
    /** Argo CD's hooks that a sync runs; {@code SyncFail} and {@code PostDelete} run at other times. */
    private static final Set<String> ARGO_SYNC = Set.of("PreSync", "Sync", "PostSync");
    /** Argo CD's "do not apply this manifest". */
    private static final String ARGO_SKIP = "Skip";

    /** Where a resource goes relative to the release's other resources. */
    public enum Phase { PRE, SYNC, POST }

    /** The hook a resource body declares, if any that an install or upgrade runs. */
    public static Optional<Hook> of(Map<String, Object> body) {
        Map<String, Object> annotations = Documents.annotations(body).orElse(Map.of());
        List<String> helm = events(annotations.get(HELM));
        if (helm.stream().anyMatch(HELM_PRE::contains)) {
            return Optional.of(new Hook(Phase.PRE, weight(annotations.get(HELM_WEIGHT))));
        }
        if (helm.stream().anyMatch(HELM_POST::contains)) {
            return Optional.of(new Hook(Phase.POST, weight(annotations.get(HELM_WEIGHT))));
        }
        List<String> argo = events(annotations.get(ARGO));
        int wave = weight(annotations.get(ARGO_WAVE));
        if (argo.contains("PreSync")) {
            return Optional.of(new Hook(Phase.PRE, wave));
        }
        if (argo.contains("Sync")) {
            return Optional.of(new Hook(Phase.SYNC, wave));
        }
        if (argo.contains("PostSync")) {
            return Optional.of(new Hook(Phase.POST, wave));
        }
        return Optional.empty();
    }

    /**
     * A hook that no install, upgrade or sync runs: Helm's {@code test}, {@code pre-delete}, {@code post-rollback},
     * ..., Argo CD's {@code SyncFail} and {@code PostDelete}, and anything Argo CD is told to {@code Skip}. Applying it
     * would run it at the wrong time (a delete hook's clean-up on every install).
     */
    public static boolean neverInstalled(Map<String, Object> body) {
        Map<String, Object> annotations = Documents.annotations(body).orElse(Map.of());
        List<String> helm = events(annotations.get(HELM));
        List<String> argo = events(annotations.get(ARGO));
        return !helm.isEmpty() && helm.stream().noneMatch(e -> HELM_PRE.contains(e) || HELM_POST.contains(e))
                || argo.contains(ARGO_SKIP)
                || !argo.isEmpty() && helm.isEmpty() && argo.stream().noneMatch(ARGO_SYNC::contains);
    }

    /** Any hook annotation at all, whether or not an apply runs it. */
    public static boolean annotated(Map<String, Object> body) {
        return Documents.annotations(body).map(a -> a.containsKey(HELM) || a.containsKey(ARGO)).orElse(false);
    }

    /** Argo CD's {@code argocd.argoproj.io/sync-wave}, as Argo CD reads it: an integer, anything else 0. */
    public static int syncWave(Map<String, Object> body) {
        return weight(Documents.annotations(body).map(a -> a.get(ARGO_WAVE)).orElse(null));
    }

    private static List<String> events(Object value) {
        return value instanceof String text ? List.of(text.split(",")).stream().map(String::strip)
                .filter(e -> !e.isEmpty()).toList() : List.of();
    }

    /** As Helm and Argo CD read it: an integer, anything else 0. */
    private static int weight(Object value) {
        try {
            return value == null ? 0 : Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
