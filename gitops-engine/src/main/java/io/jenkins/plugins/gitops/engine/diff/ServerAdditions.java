package io.jenkins.plugins.gitops.engine.diff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hides, in a server-side dry run's answer, what the server itself would add or change outside the fields the
 * manifest sets: labels and annotations a mutating admission webhook adds, fields it rewrites, defaults. Users
 * do not manage those and a plan would show them every time. Such a field takes the live object's value (or
 * is left out where the live object has none), so only the manifest's own fields and the removals of fields our
 * manager owns (absent from the answer) remain differences.
 */
public final class ServerAdditions {
    private ServerAdditions() {
    }

    /** A new tree; the arguments are not changed. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> hidden(Map<String, Object> preview, Map<String, Object> live,
            Map<String, Object> desired) {
        return (Map<String, Object>) hide(preview, live, desired);
    }

    private static Object hide(Object preview, Object live, Object desired) {
        if (!(preview instanceof Map<?, ?> p) || !(desired instanceof Map<?, ?> d)) {
            return preview;
        }
        Map<?, ?> l = live instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : p.entrySet()) {
            Object key = e.getKey();
            if (d.containsKey(key)) {
                out.put(String.valueOf(key), hide(e.getValue(), l.get(key), d.get(key)));
            } else if (l.containsKey(key)) {
                out.put(String.valueOf(key), l.get(key));
            }
        }
        return out;
    }
}
