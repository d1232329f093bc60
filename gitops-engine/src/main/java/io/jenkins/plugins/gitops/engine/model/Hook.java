package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Helm hook ({@code helm.sh/hook}, ordered by {@code helm.sh/hook-weight}) or an Argo CD hook
 * ({@code argocd.argoproj.io/hook}, ordered by {@code argocd.argoproj.io/sync-wave}), as far as an apply can
 * honour it: a phase before or after the other resources, and a weight within the phase. Helm's
 * {@code pre-install}/{@code pre-upgrade} and Argo CD's {@code PreSync} come before, {@code post-install}/
 * {@code post-upgrade} and {@code PostSync} after; a hook for both phases runs in the first.
 */
public record Hook(Phase phase, int weight) {
    public static final String HELM = "helm.sh/hook";
    public static final String HELM_WEIGHT = "helm.sh/hook-weight";
    public static final String ARGO = "argocd.argoproj.io/hook";
    public static final String ARGO_WAVE = "argocd.argoproj.io/sync-wave";
    private static final Set<String> HELM_PRE = Set.of("pre-install", "pre-upgrade");
    private static final Set<String> HELM_POST = Set.of("post-install", "post-upgrade");

    /** Where a resource goes relative to the release's other resources. */
    public enum Phase { PRE, POST }

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
        if (argo.contains("PreSync")) {
            return Optional.of(new Hook(Phase.PRE, weight(annotations.get(ARGO_WAVE))));
        }
        if (argo.contains("PostSync")) {
            return Optional.of(new Hook(Phase.POST, weight(annotations.get(ARGO_WAVE))));
        }
        return Optional.empty();
    }

    /**
     * A Helm hook that no install or upgrade runs: {@code test}, {@code pre-delete}, {@code post-rollback}, ...
     * Applying it would run it at the wrong time (a delete hook's clean-up on every install).
     */
    public static boolean neverInstalled(Map<String, Object> body) {
        List<String> helm = events(Documents.annotations(body).map(a -> a.get(HELM)).orElse(null));
        return !helm.isEmpty() && helm.stream().noneMatch(e -> HELM_PRE.contains(e) || HELM_POST.contains(e));
    }

    /** Any hook annotation at all, whether or not an apply runs it. */
    public static boolean annotated(Map<String, Object> body) {
        return Documents.annotations(body).map(a -> a.containsKey(HELM) || a.containsKey(ARGO)).orElse(false);
    }

    private static List<String> events(Object value) {
        return value instanceof String text ? List.of(text.split(",")).stream().map(String::strip)
                .filter(e -> !e.isEmpty()).toList() : List.of();
    }

    /** As Helm reads it: an integer, anything else 0. */
    private static int weight(Object value) {
        try {
            return value == null ? 0 : Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
