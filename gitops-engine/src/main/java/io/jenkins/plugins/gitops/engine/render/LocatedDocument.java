package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Origin;
import java.util.Map;

/** One YAML or JSON document as plain Java values, with the file and line it starts at. */
public record LocatedDocument(Map<String, Object> body, Origin origin) {
}
