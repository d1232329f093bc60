package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.source.RepositoryLocation;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helm's error message as a problem a user can act on: located at the file Helm names, its quoted values withheld,
 * paths read as in the repository, and for missing dependencies the advice that fits files read from a commit.
 */
final class HelmErrors {
    private static final Pattern TEMPLATE_AT = Pattern.compile("([\\w.\\-/]+\\.(?:yaml|yml|tpl|txt|json)):(\\d+)");
    private static final Pattern RENDERED_YAML = Pattern.compile("YAML parse error on ([\\w.\\-/]+)");
    private static final Pattern VALUES_FILE = Pattern.compile("cannot load ([\\w.\\-/]+\\.ya?ml)");
    private static final Pattern MISSING_DEPENDENCIES = Pattern.compile("missing in charts/ directory: ([^\\n]+)");
    private static final int MAX_ERROR_CHARS = 2000;
    private static final Pattern QUOTED = Pattern.compile("`[^`\\n]*`|\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final String WITHHELD = "(value withheld)";

    private HelmErrors() {
    }

    /** {@code root} is the private checkout Helm read; {@code renderer} says which Helm it was. */
    static Problem problem(String error, SourceSnapshot snapshot, String chartDir, Path root, String renderer) {
        Matcher missingDependencies = MISSING_DEPENDENCIES.matcher(error);
        return missingDependencies.find()
                ? dependenciesProblem(snapshot, chartDir, List.of(missingDependencies.group(1).split(",\\s*")))
                : templateProblem(chartDir, withoutCheckout(error, root), renderer);
    }

    /**
     * Helm says to run {@code helm dependency build}, but files are read from the commit: a user who built them
     * would get the same message again. Popular chart repositories git-ignore {@code charts/*.tgz}; where the
     * repository is a local working tree that has them, say so and how to commit them.
     */
    private static Problem dependenciesProblem(SourceSnapshot snapshot, String chartDir, List<String> names) {
        String charts = RepoPaths.join(chartDir, "charts");
        StringBuilder message = new StringBuilder("chart " + (chartDir.isEmpty() ? "." : chartDir) + " depends on "
                + String.join(", ", names) + ", which " + (names.size() == 1 ? "is" : "are") + " not in " + charts
                + "/ at commit " + snapshot.commit() + ": dependencies are read from the commit, never downloaded;"
                + " run helm dependency build in the chart and commit " + charts + "/");
        RepositoryLocation location = RepositoryLocation.parse(snapshot.repository());
        if (!location.remote()) {
            List<String> uncommitted = new ArrayList<>();
            try (var entries = Files.list(Path.of(location.shown()).resolve(charts))) {
                entries.map(entry -> entry.getFileName().toString())
                        .filter(file -> names.stream().anyMatch(name -> file.equals(name) || file.startsWith(name + "-")
                                && file.endsWith(".tgz")))
                        .sorted().forEach(file -> uncommitted.add(RepoPaths.join(charts, file)));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // No working tree with a charts/ folder here: the general advice stands.
            }
            if (!uncommitted.isEmpty()) {
                message.append("; the working tree has ").append(String.join(", ", uncommitted))
                        .append(" but the commit does not (git-ignored or not added): git add -f ")
                        .append(String.join(" ", uncommitted)).append(" and commit");
            }
        }
        return new Problem(new Origin(RepoPaths.join(chartDir, HelmChart.CHART_FILE), 0), message.toString());
    }

    /** Paths in the private checkout, read as in the repository. */
    private static String withoutCheckout(String message, Path root) {
        String text = message;
        for (Path prefix : List.of(root.toAbsolutePath(), realPath(root))) {
            text = text.replace(prefix + "/", "").replace(prefix.toString(), ".");
        }
        return text;
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath();
        }
    }

    /**
     * Helm names a template as {@code <chart name>/templates/x.yaml}: located at the repository file and line,
     * with Helm's advice about --debug (a flag nobody here can pass) removed.
     */
    private static Problem templateProblem(String chartDir, String message, String renderer) {
        String text = withheldValues(message.replaceAll("(?s)\\s*Use --debug flag.*$", "").strip());
        Origin origin = new Origin(RepoPaths.join(chartDir, HelmChart.CHART_FILE), 0);
        Matcher at = TEMPLATE_AT.matcher(text);
        Matcher rendered = RENDERED_YAML.matcher(text);
        Matcher values = VALUES_FILE.matcher(text);
        if (at.find()) {
            String file = HelmChart.inRepository(chartDir, at.group(1));
            origin = new Origin(file, Integer.parseInt(at.group(2)));
            text = text.replace(at.group(1), file);
        } else if (rendered.find()) {
            // What the template wrote is not YAML: the template is where to look, at no line Helm names.
            String file = HelmChart.inRepository(chartDir, rendered.group(1));
            origin = new Origin(file, 0);
            text = text.replace(rendered.group(1), file);
        } else if (values.find()) {
            origin = new Origin(RepoPaths.join(chartDir, values.group(1)), 0);
        }
        if (text.length() > MAX_ERROR_CHARS) {
            text = text.substring(0, MAX_ERROR_CHARS) + " ...";
        }
        return new Problem(origin, "helm template failed: " + text + " (rendered by " + renderer + ")");
    }

    /**
     * Helm's messages quote the values they failed on (``cannot unmarshal !!str `s3cret` into int``, {@code
     * parsing "s3cret": invalid syntax}), and a value may be a Secret's: quoted text goes, except template and file
     * names. The message a chart's own {@code fail} or {@code required} writes stays: it is the chart's advice.
     */
    private static String withheldValues(String message) {
        Matcher quoted = QUOTED.matcher(message);
        StringBuilder text = new StringBuilder();
        while (quoted.find()) {
            String inside = quoted.group().substring(1, quoted.group().length() - 1);
            boolean name = quoted.group().startsWith("\"") && inside.matches("[\\w.\\-/]*(/|\\.tpl|\\.ya?ml)[\\w.\\-/]*");
            quoted.appendReplacement(text, Matcher.quoteReplacement(name ? quoted.group() : WITHHELD));
        }
        quoted.appendTail(text);
        return text.toString();
    }
}
