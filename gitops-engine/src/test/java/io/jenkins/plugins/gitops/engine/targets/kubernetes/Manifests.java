package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Desired resources from YAML text, as the render stage would hand them to a target. */
final class Manifests {
    private Manifests() {
    }

    @SuppressWarnings("unchecked")
    static List<Resource> parse(String file, String yaml) {
        List<Resource> out = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc instanceof Map<?, ?> map) {
                out.add(resource(file, (Map<String, Object>) map));
            }
        }
        return out;
    }

    static Resource one(String yaml) {
        return parse("test.yaml", yaml).get(0);
    }

    private static Resource resource(String file, Map<String, Object> body) {
        String apiVersion = (String) body.get("apiVersion");
        Map<String, Object> metadata = Documents.metadata(body).orElseThrow();
        ResourceId id = new ResourceId(ResourceId.groupOf(apiVersion), (String) body.get("kind"),
                (String) metadata.get("namespace"), (String) metadata.get("name"));
        return new Resource(id, apiVersion, body, new Origin(file, 0));
    }
}
