package io.jenkins.plugins.gitops.engine.targets.kubernetes;

/** How live state is read: by paginated LIST per kind and namespace (the default), or one GET per object. */
public enum ReadMode {
    /** LIST per (kind, namespace) with GET for the few and where RBAC forbids LIST. */
    LIST,
    /** One GET per object, as before LIST reads; kept to measure the two against each other. */
    GET
}
