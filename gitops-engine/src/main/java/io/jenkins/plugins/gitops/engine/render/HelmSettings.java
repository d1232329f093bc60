package io.jenkins.plugins.gitops.engine.render;

import java.util.List;
import java.util.Map;

/**
 * How the environment renders its Helm charts, as {@code helm template} options: the release name (default:
 * the chart directory's name), the namespace (null: the target's, else Helm's {@code default}), values files relative to the
 * chart directory applied after the chart's own {@code values.yaml}, values applied last as {@code --set} would,
 * and the Kubernetes version the templates see ({@code .Capabilities.KubeVersion}). {@code origin} names where
 * the settings were written, for errors.
 */
public record HelmSettings(String releaseName, String namespace, List<String> valuesFiles, Map<String, Object> values,
        String kubeVersion, String origin) {
    /**
     * A recent Kubernetes release: charts check {@code kubeVersion} against it, and Helm libraries default to
     * versions old enough (1.20) that current charts refuse them.
     */
    public static final String DEFAULT_KUBE_VERSION = "v1.33.0";
    /** Helm's own default release namespace, as {@code helm template} renders without {@code --namespace}. */
    public static final String DEFAULT_NAMESPACE = "default";
    public static final HelmSettings DEFAULTS = new HelmSettings(null, null, List.of(), Map.of(), DEFAULT_KUBE_VERSION,
            "");

    /** The same settings rendering into {@code name} (null: Helm's default). */
    public HelmSettings withNamespace(String name) {
        return new HelmSettings(releaseName, name, valuesFiles, values, kubeVersion, origin);
    }

    public HelmSettings {
        valuesFiles = List.copyOf(valuesFiles);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        kubeVersion = kubeVersion == null ? DEFAULT_KUBE_VERSION : kubeVersion;
    }
}
