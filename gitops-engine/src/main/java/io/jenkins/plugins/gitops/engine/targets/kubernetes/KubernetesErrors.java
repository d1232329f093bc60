package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns fabric8 failures into messages that say what was tried, on what, and what to do. Never quotes the
 * server's free-text message for validation failures: it may echo field values (a Secret's data).
 */
final class KubernetesErrors {
    private final String serverUrl;

    KubernetesErrors(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    String serverUrl() {
        return serverUrl;
    }

    /**
     * Runs one API call.
     *
     * @param verb      the Kubernetes verb, as RBAC names it (get, list, patch, create, update, delete)
     * @param what      the resource, e.g. {@code Deployment.apps/shop/web} or {@code leases.coordination.k8s.io "gitops-prod"}
     * @param namespace the namespace, "" when cluster-scoped
     */
    <T> T call(String verb, String what, String namespace, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            throw translate(e, verb, what, namespace);
        }
    }

    TargetException translate(KubernetesClientException e, String verb, String what, String namespace) {
        String where = namespace.isEmpty() ? " (cluster-scoped)" : " in namespace " + namespace;
        if (e.getCode() <= 0) { // no HTTP response at all
            Throwable network = networkCause(e);
            if (network != null) {
                return new TargetException("cannot reach the Kubernetes API server at " + serverUrl + " ("
                        + describe(network) + ") to " + verb + " " + what, Remedy.of(Remedy.Kind.KUBECONFIG), e);
            }
            return new TargetException("cannot " + verb + " " + what + where + " at " + serverUrl + ": "
                    + e.getClass().getSimpleName() + (e.getCause() == null ? "" : " caused by " + describe(e.getCause()))
                    , Remedy.of(Remedy.Kind.KUBECONFIG), e);
        }
        int code = e.getCode();
        if (code == 401) {
            return new TargetException("credentials rejected by " + serverUrl + " (HTTP 401) while trying to " + verb
                    + " " + what + "; refresh the kubeconfig's credentials (an expired token?)", e);
        }
        if (code == 403) {
            return new TargetException("forbidden: " + verb + " " + what + where + " at " + serverUrl
                    + " (HTTP 403); grant that permission to the kubeconfig's user (RBAC)", Remedy.of(Remedy.Kind.CONTEXT), e);
        }
        if (code >= 500) {
            return new TargetException("the API server at " + serverUrl + " failed to " + verb + " " + what + where
                    + ": HTTP " + code + reason(e.getStatus()) + "; retry, and check the server's health if it persists", e);
        }
        return new TargetException("the API server at " + serverUrl + " refused to " + verb + " " + what + where
                + ": HTTP " + code + reason(e.getStatus()) + fields(e.getStatus()), e);
    }

    /** The status' machine-readable reason (e.g. "InternalError"); never its message. */
    private static String reason(Status status) {
        return status == null || status.getReason() == null || status.getReason().isEmpty() ? ""
                : " " + status.getReason();
    }

    /** Field paths and their cause codes ("spec.replicas FieldValueInvalid"), which hold no field values. */
    private static String fields(Status status) {
        List<StatusCause> causes = causes(status);
        String listed = causes.stream().filter(c -> c.getField() != null)
                .map(c -> c.getField() + (c.getReason() == null ? "" : " " + c.getReason()))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "" : " (" + listed + ")";
    }

    static List<StatusCause> causes(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return List.of();
        }
        return status.getDetails().getCauses();
    }

    private static Throwable networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        return t.getClass().getSimpleName();
    }
}
