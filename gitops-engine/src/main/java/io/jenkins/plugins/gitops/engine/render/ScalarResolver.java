package io.jenkins.plugins.gitops.engine.render;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Types plain scalars as Kubernetes tooling reads them today, not as YAML 1.1 does: kustomize (kyaml) and the
 * API server's sigs.k8s.io/yaml have no base-60 numbers, and kustomize keeps {@code on}, {@code yes}, {@code off}
 * and {@code no} as strings. So {@code 12:30} and {@code 22:22} stay strings, and only {@code true}/{@code false}
 * (any of their three spellings) are booleans, whether a file is read plain or through kustomize.
 */
final class ScalarResolver extends Resolver {
    static final Pattern BOOL_1_2 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern INT_NO_SEXAGESIMAL = Pattern.compile("^(?:[-+]?0b_*[0-1][0-1_]*|[-+]?0_*[0-7][0-7_]*"
            + "|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*)$");
    static final Pattern FLOAT_NO_SEXAGESIMAL = Pattern.compile("^([-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

    static final ScalarResolver INSTANCE = new ScalarResolver();

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL_1_2, "tTfF", 10);
        addImplicitResolver(Tag.INT, INT_NO_SEXAGESIMAL, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, FLOAT_NO_SEXAGESIMAL, "-+0123456789.");
        addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
        addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
        addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789", 50);
        // Not YAML's '!', '&' and '*' "value" tags: SnakeYAML resolves them only to refuse them.
        addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
    }
}
