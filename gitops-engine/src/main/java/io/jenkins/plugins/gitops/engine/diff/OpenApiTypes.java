package io.jenkins.plugins.gitops.engine.diff;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types of custom resources from an OpenAPI v3 schema: a CRD's {@code openAPIV3Schema}, or a schema of the
 * server's {@code /openapi/v3} document of a group-version (whose {@code $ref}s point into its
 * {@code components.schemas}). Typed as kube-openapi's {@code schemaconv} types them for server-side apply:
 * {@code x-kubernetes-list-type} {@code map} (keys {@code x-kubernetes-list-map-keys}) or {@code set}, else a patch
 * strategy {@code merge} (keyed by {@code x-kubernetes-patch-merge-key}, a set without one), else atomic;
 * {@code x-kubernetes-map-type: atomic}; {@code x-kubernetes-int-or-string} and
 * {@code x-kubernetes-preserve-unknown-fields} without properties are untyped (null: compared on the fields the
 * manifest sets). Quantities of custom resources are strings the server keeps as written, so they are scalars.
 * Not thread-safe: {@link Schemas} converts under a lock.
 */
final class OpenApiTypes {
    private static final String REF_PREFIX = "#/components/schemas/";

    private final Map<?, ?> components;
    private final Map<String, SchemaType> byRef = new HashMap<>();
    private final Set<String> converting = new HashSet<>();

    /** @param components a document's {@code components.schemas}, empty for a CRD's self-contained schema */
    OpenApiTypes(Map<?, ?> components) {
        this.components = components;
    }

    /**
     * The root type of an object: the schema's fields, with {@code metadata} typed as every kind's (the server
     * keeps it apart from the JSON body and drops its empty values).
     */
    SchemaType root(Map<?, ?> schema) {
        SchemaType body = type(schema);
        SchemaType root = new SchemaType(SchemaType.Shape.STRUCT, null, null, List.of(), false);
        Map<String, SchemaType.Field> fields = new HashMap<>(body != null ? body.fields : Map.of());
        fields.put("metadata", KubernetesSchema.builtIn().objectMeta());
        root.fields = Map.copyOf(fields);
        return root;
    }

    /** The root type of {@code group/version kind} in a {@code /openapi/v3} group-version document, or null. */
    SchemaType kind(String group, String version, String kind) {
        for (Object schema : components.values()) {
            if (schema instanceof Map<?, ?> s && s.get("x-kubernetes-group-version-kind") instanceof List<?> gvks) {
                for (Object gvk : gvks) {
                    if (gvk instanceof Map<?, ?> g && group.equals(g.get("group")) && version.equals(g.get("version"))
                            && kind.equals(g.get("kind"))) {
                        return root(s);
                    }
                }
            }
        }
        return null;
    }

    private SchemaType type(Object node) {
        if (!(node instanceof Map<?, ?> schema)) {
            return null;
        }
        String ref = ref(schema);
        if (ref != null) {
            return referenced(ref);
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            return SchemaType.SCALAR;
        }
        Object properties = schema.get("properties");
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields")) && properties == null) {
            return null;
        }
        Object type = schema.get("type");
        boolean atomicMap = "atomic".equals(schema.get("x-kubernetes-map-type"));
        if ("array".equals(type)) {
            return list(schema);
        }
        if (properties instanceof Map<?, ?> props) {
            SchemaType struct = new SchemaType(SchemaType.Shape.STRUCT, null, null, List.of(), atomicMap, true);
            Map<String, SchemaType.Field> fields = new HashMap<>();
            props.forEach((name, child) -> fields.put(String.valueOf(name), new SchemaType.Field(type(child), false)));
            struct.fields = Map.copyOf(fields);
            return struct;
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            return new SchemaType(SchemaType.Shape.MAP, type(values), null, List.of(), atomicMap, true);
        }
        return "string".equals(type) || "integer".equals(type) || "number".equals(type) || "boolean".equals(type)
                ? SchemaType.SCALAR : null;
    }

    private SchemaType list(Map<?, ?> schema) {
        SchemaType element = type(schema.get("items"));
        Object listType = schema.get("x-kubernetes-list-type");
        if ("map".equals(listType) && schema.get("x-kubernetes-list-map-keys") instanceof List<?> keys
                && !keys.isEmpty()) {
            return new SchemaType(SchemaType.Shape.LIST, element, SchemaType.ListKind.MAP,
                    keys.stream().map(String::valueOf).toList(), false, true);
        }
        if ("set".equals(listType)) {
            return new SchemaType(SchemaType.Shape.LIST, element, SchemaType.ListKind.SET, List.of(), false, true);
        }
        if (listType == null && String.valueOf(schema.get("x-kubernetes-patch-strategy")).contains("merge")) {
            return schema.get("x-kubernetes-patch-merge-key") instanceof String key
                    ? new SchemaType(SchemaType.Shape.LIST, element, SchemaType.ListKind.MAP, List.of(key), false, true)
                    : new SchemaType(SchemaType.Shape.LIST, element, SchemaType.ListKind.SET, List.of(), false, true);
        }
        return new SchemaType(SchemaType.Shape.LIST, element, SchemaType.ListKind.ATOMIC, List.of(), true, true);
    }

    /** {@code $ref}, or the one {@code $ref} of an {@code allOf}: OpenAPI v3 wraps references to add a description. */
    private static String ref(Map<?, ?> schema) {
        if (schema.get("$ref") instanceof String ref) {
            return ref;
        }
        if (schema.get("allOf") instanceof List<?> all) {
            for (Object part : all) {
                if (part instanceof Map<?, ?> p && p.get("$ref") instanceof String ref) {
                    return ref;
                }
            }
        }
        return null;
    }

    /** Converted once per name; a schema that refers to itself (JSONSchemaProps) is untyped below itself. */
    private SchemaType referenced(String ref) {
        String name = ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
        if (name.equals("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")) {
            return KubernetesSchema.builtIn().objectMeta().type();
        }
        SchemaType known = byRef.get(name);
        if (known != null || !converting.add(name)) {
            return known;
        }
        SchemaType type = type(components.get(name));
        converting.remove(name);
        if (type != null) {
            byRef.put(name, type);
        }
        return type;
    }
}
