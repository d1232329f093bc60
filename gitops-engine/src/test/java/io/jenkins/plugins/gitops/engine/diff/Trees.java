package io.jenkins.plugins.gitops.engine.diff;

import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Manifest trees for tests, written as YAML the way users write them. */
final class Trees {
    private Trees() {
    }

    static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }
}
