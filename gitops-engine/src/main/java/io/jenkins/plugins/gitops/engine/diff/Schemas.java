package io.jenkins.plugins.gitops.engine.diff;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where the client diff finds the type of a kind, for one plan: the built-in table for the group-versions it
 * covers ({@link KubernetesSchema}); else the CustomResourceDefinition in the desired state that defines the kind
 * (what the apply installs, known without a server); else the server's OpenAPI v3 document of its
 * group-version, asked only for group-versions the table does not cover, once each, and only when an object of
 * it is compared; else only {@code metadata} is typed. Thread-safe.
 */
public final class Schemas {
    /** The built-in table only: custom resources are compared on the fields their manifests set. */
    public static final Schemas BUILT_IN = new Schemas(Map.of(), groupVersion -> Optional.empty());

    private final Map<String, Map<?, ?>> definedInDesiredState;
    private final Function<String, Optional<Map<String, Object>>> openApi;
    private final Map<String, Optional<OpenApiTypes>> documents = new ConcurrentHashMap<>();
    private final Map<String, SchemaType> types = new ConcurrentHashMap<>();

    private Schemas(Map<String, Map<?, ?>> definedInDesiredState,
            Function<String, Optional<Map<String, Object>>> openApi) {
        this.definedInDesiredState = definedInDesiredState;
        this.openApi = openApi;
    }

    /**
     * @param desired the desired objects; the schemas of the CustomResourceDefinitions among them are used
     * @param openApi the server's OpenAPI v3 document of a group-version ({@code monitoring.coreos.com/v1}),
     *                empty where there is no server or it publishes none or refuses it
     */
    public static Schemas of(Collection<Map<String, Object>> desired,
            Function<String, Optional<Map<String, Object>>> openApi) {
        Map<String, Map<?, ?>> defined = new HashMap<>();
        for (Map<String, Object> object : desired) {
            if ("apiextensions.k8s.io/v1".equals(object.get("apiVersion"))
                    && "CustomResourceDefinition".equals(object.get("kind"))
                    && object.get("spec") instanceof Map<?, ?> spec && spec.get("names") instanceof Map<?, ?> names
                    && spec.get("versions") instanceof List<?> versions) {
                for (Object v : versions) {
                    if (v instanceof Map<?, ?> version && version.get("schema") instanceof Map<?, ?> schema
                            && schema.get("openAPIV3Schema") instanceof Map<?, ?> openApiV3) {
                        defined.put(spec.get("group") + "/" + version.get("name") + " " + names.get("kind"), openApiV3);
                    }
                }
            }
        }
        return new Schemas(Map.copyOf(defined), openApi);
    }

    SchemaType of(Object apiVersion, Object kind) {
        KubernetesSchema builtIn = KubernetesSchema.builtIn();
        if (builtIn.covers(apiVersion) || !(apiVersion instanceof String gv) || !(kind instanceof String k)) {
            return builtIn.of(apiVersion, kind);
        }
        return types.computeIfAbsent(gv + " " + k, key -> custom(gv, k));
    }

    private SchemaType custom(String groupVersion, String kind) {
        Map<?, ?> defined = definedInDesiredState.get(groupVersion + " " + kind);
        if (defined != null) {
            return new OpenApiTypes(Map.of()).root(defined);
        }
        Optional<OpenApiTypes> document = documents.computeIfAbsent(groupVersion, gv -> openApi.apply(gv)
                .map(d -> d.get("components") instanceof Map<?, ?> c && c.get("schemas") instanceof Map<?, ?> s ? s : null)
                .map(OpenApiTypes::new));
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = groupVersion.substring(slash + 1);
        SchemaType type = null;
        if (document.isPresent()) {
            synchronized (document.get()) {
                type = document.get().kind(group, version, kind);
            }
        }
        return type != null ? type : KubernetesSchema.builtIn().unknownKind();
    }
}
