package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which Secrets hold values that came from variables (and so from a Pipeline's credentials) rather than from
 * the repository as it is. The environment is rendered a second time with every variable's value changed;
 * a Secret whose values, or whose very identity, change with them depends on variables. A second rendering
 * costs only where there are both variables and Secrets.
 */
final class SecretProvenance {
    private static final List<String> VALUE_FIELDS = List.of("data", "stringData", "binaryData");

    private SecretProvenance() {
    }

    /**
     * @param render renders the same source with other variable values
     */
    static Set<ResourceId> fromVariables(DesiredState desired, Map<String, String> variables,
            Function<Map<String, String>, DesiredState> render) {
        List<Resource> secrets = desired.resources().stream().filter(SecretProvenance::isSecret).toList();
        Set<ResourceId> dependent = new TreeSet<>();
        if (secrets.isEmpty() || variables.isEmpty()) {
            return dependent;
        }
        Map<String, String> changed = new LinkedHashMap<>();
        // Appending keeps a valid name valid and changes every number, boolean and word it is substituted into.
        variables.forEach((name, value) -> changed.put(name, value + "1"));
        Map<ResourceId, Resource> other;
        try {
            other = render.apply(changed).byId();
        } catch (GitopsException e) {
            // Other values broke the rendering, so variables shape it: no Secret can be shown to be as-is.
            secrets.forEach(s -> dependent.add(s.id()));
            return dependent;
        }
        for (Resource secret : secrets) {
            Resource again = other.get(secret.id());
            if (again == null || !sameValues(secret, again)) {
                dependent.add(secret.id());
            }
        }
        return dependent;
    }

    private static boolean isSecret(Resource resource) {
        return resource.id().group().isEmpty() && resource.id().kind().equals("Secret");
    }

    private static boolean sameValues(Resource a, Resource b) {
        return VALUE_FIELDS.stream().allMatch(field -> Objects.equals(a.body().get(field), b.body().get(field)));
    }
}
