package io.jenkins.plugins.gitops.engine.diff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in kinds' types as server-side apply sees them, read once from {@code kubernetes-schema.txt}, a
 * table derived from Kubernetes' API types by {@code gitops-engine/tools/derive-kubernetes-schema.py}.
 *
 * <p>Table lines: {@code K <group or -> <version> <Kind> <n|c> <struct>} names a kind's root struct and scope (the scope is
 * not read: a live object's missing namespace tells it);
 * {@code = <struct> [a]} opens a struct ({@code a}: atomic); each following line is a field, tab-separated:
 * json name, flags ({@code o} omitempty, {@code p} pointer), type. Types: {@code s b i n} scalars, {@code q} a
 * quantity, {@code x} int-or-string, {@code r} anything, {@code @struct}, {@code [type kind} a list whose kind
 * is {@code a} (atomic), {@code s} (set) or {@code m:key1,key2} (map list), {@code {type [a]} a map.
 */
final class KubernetesSchema {
    private static final KubernetesSchema BUILT_IN = load();

    private final Map<String, SchemaType> kinds;
    private final Set<String> groupVersions;
    private final SchemaType anyKind;

    private KubernetesSchema(Map<String, SchemaType> kinds, SchemaType anyKind) {
        this.kinds = kinds;
        this.groupVersions = kinds.keySet().stream().map(k -> k.substring(0, k.indexOf(' ')))
                .collect(Collectors.toUnmodifiableSet());
        this.anyKind = anyKind;
    }

    static KubernetesSchema builtIn() {
        return BUILT_IN;
    }

    /**
     * The root type of an object of this apiVersion and kind; for a kind the table does not hold (a custom
     * resource), a type that knows only {@code metadata}.
     */
    SchemaType of(Object apiVersion, Object kind) {
        return kinds.getOrDefault(apiVersion + " " + kind, anyKind);
    }

    /** Whether the table holds this group-version's kinds: no other schema is looked for them. */
    boolean covers(Object apiVersion) {
        return groupVersions.contains(String.valueOf(apiVersion));
    }

    /** The type of a kind no schema describes: only its {@code metadata} is known. */
    SchemaType unknownKind() {
        return anyKind;
    }

    /** {@code metadata}, which every kind shares, custom resources too. */
    SchemaType.Field objectMeta() {
        return anyKind.fields.get("metadata");
    }


    private static KubernetesSchema load() {
        Map<String, SchemaType> structs = new HashMap<>();
        Map<String, List<String[]>> fieldLines = new LinkedHashMap<>();
        Map<String, String> kindRoots = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                KubernetesSchema.class.getResourceAsStream("kubernetes-schema.txt"), StandardCharsets.UTF_8))) {
            List<String[]> current = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("K ")) {
                    String[] k = line.split(" ");
                    String group = k[1].equals("-") ? "" : k[1];
                    kindRoots.put((group.isEmpty() ? k[2] : group + "/" + k[2]) + " " + k[3], k[5]);
                } else if (line.startsWith("= ")) {
                    String[] s = line.substring(2).split(" ");
                    structs.put(s[0], new SchemaType(SchemaType.Shape.STRUCT, null, null, List.of(),
                            s.length > 1 && s[1].equals("a")));
                    current = new ArrayList<>();
                    fieldLines.put(s[0], current);
                } else if (!line.startsWith("#") && !line.isBlank() && current != null) {
                    current.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fieldLines.forEach((name, lines) -> {
            Map<String, SchemaType.Field> fields = new HashMap<>();
            for (String[] f : lines) {
                SchemaType type = type(f[2], structs);
                boolean scalar = type.shape == SchemaType.Shape.SCALAR || type.shape == SchemaType.Shape.QUANTITY;
                fields.put(f[0], new SchemaType.Field(type, scalar && f[1].equals("o-")));
            }
            structs.get(name).fields = Map.copyOf(fields);
        });
        Map<String, SchemaType> kinds = new HashMap<>();
        kindRoots.forEach((key, root) -> kinds.put(key, structs.get(root)));
        SchemaType anyKind = new SchemaType(SchemaType.Shape.STRUCT, null, null, List.of(), false);
        anyKind.fields = Map.of("metadata", new SchemaType.Field(structs.get("meta/ObjectMeta"), false));
        return new KubernetesSchema(Map.copyOf(kinds), anyKind);
    }

    private static SchemaType type(String text, Map<String, SchemaType> structs) {
        String[] parts = text.split(" ");
        String t = parts[0];
        String kind = parts.length > 1 ? parts[1] : "";
        return switch (t.charAt(0)) {
            case '[' -> {
                SchemaType element = type(t.substring(1), structs);
                if (kind.startsWith("m:")) {
                    yield new SchemaType(SchemaType.Shape.LIST, element, SchemaType.ListKind.MAP,
                            Arrays.asList(kind.substring(2).split(",")), false);
                }
                yield new SchemaType(SchemaType.Shape.LIST, element,
                        kind.equals("s") ? SchemaType.ListKind.SET : SchemaType.ListKind.ATOMIC, List.of(),
                        !kind.equals("s"));
            }
            case '{' -> new SchemaType(SchemaType.Shape.MAP, type(t.substring(1), structs), null, List.of(),
                    kind.equals("a"));
            case '@' -> structs.getOrDefault(t.substring(1), SchemaType.ANY);
            case 'q' -> SchemaType.QUANTITY;
            case 'r' -> SchemaType.ANY;
            default -> SchemaType.SCALAR;
        };
    }
}
