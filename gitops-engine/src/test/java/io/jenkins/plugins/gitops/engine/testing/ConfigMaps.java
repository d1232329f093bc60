package io.jenkins.plugins.gitops.engine.testing;

/**
 * ConfigMap manifests as a source file holds them, in namespace {@code shop}: the resource most tests write, since
 * every target stores it and it needs no controller. Data values are quoted, so {@code "1"} stays a string, as
 * the ConfigMap API requires.
 */
public final class ConfigMaps {
    private ConfigMaps() {
    }

    /** A ConfigMap with the given data keys and values, in pairs; without a {@code data} section when none. */
    public static String configMap(String name, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        if (keysAndValues.length == 0) {
            return header(name);
        }
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.append("  ").append(keysAndValues[i]).append(": \"").append(keysAndValues[i + 1]).append("\"\n");
        }
        return withData(name, data.toString());
    }

    /** A ConfigMap whose {@code data} section is the given YAML as it is (indented lines, or nothing). */
    public static String withData(String name, String data) {
        return header(name) + "data:\n" + data;
    }

    /**
     * ConfigMaps {@code cm-<from>} to {@code cm-<to - 1>}, each a document of its own ({@code ---} before each),
     * with one data key.
     */
    public static String numbered(int from, int to, String key, String value) {
        StringBuilder docs = new StringBuilder();
        for (int i = from; i < to; i++) {
            docs.append("---\n").append(configMap("cm-" + i, key, value));
        }
        return docs.toString();
    }

    /** The namespace they are in, as a document of its own ending in {@code ---}, for a target that must create it. */
    public static String namespace() {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n";
    }

    private static String header(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: shop\n";
    }
}
