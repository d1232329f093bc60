package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.SourceFile;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a Helm chart (a directory holding {@code Chart.yaml}) as {@code helm template} would, with Helm itself in
 * a child process ({@link HelmProcess}): the chart's {@code values.yaml}, then the environment's values files,
 * then its values; dependencies only from the chart's {@code charts/} folder (nothing is downloaded). Helm's
 * template leaves out {@code crds/}, which {@code helm install} applies as plain files without templating, so
 * they are read here as plain manifests. Every resource is located at the template that made it; hooks are kept
 * (those an install runs) for {@link io.jenkins.plugins.gitops.engine.plan.Waves} to order.
 */
final class HelmChart {
    static final String CHART_FILE = "Chart.yaml";
    private static final Pattern SOURCE = Pattern.compile("^# Source: (\\S+)\\s*$", Pattern.MULTILINE);
    private static final Set<String> CRD_EXTENSIONS = Set.of(".yaml", ".yml", ".json");

    private HelmChart() {
    }

    /** The chart in {@code chartDir} (repository-relative), rendered; problems are added to {@code problems}. */
    static List<LocatedDocument> render(HelmProcess helm, SourceSnapshot snapshot, String chartDir,
            List<SourceFile> chartFiles, RenderOptions options, Variables variables, List<Problem> problems,
            Progress progress) {
        HelmSettings settings = options.helm();
        List<String> valuesFiles = new ArrayList<>();
        boolean missing = false;
        for (String name : settings.valuesFiles()) {
            String where = settings.origin().isEmpty() ? "helm.valuesFiles" : settings.origin();
            String resolved = RepoPaths.resolve(chartDir, name).orElse(null);
            if (resolved == null || snapshot.file(resolved).isEmpty()) {
                problems.add(new Problem(new Origin(where, 0), "values file " + name + " is not in chart " + chartDir
                        + " at this commit; helm.valuesFiles names files relative to the chart directory"));
                missing = true;
            } else {
                valuesFiles.add(resolved);
            }
        }
        if (missing) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>(valuesFiles);
        wanted.add(chartDir);
        Path root = snapshot.checkout(wanted);
        HelmProcess.Result result = template(helm, root, chartDir, valuesFiles, settings);
        if (result.timedOut()) {
            problems.add(new Problem(new Origin(RepoPaths.join(chartDir, CHART_FILE), 0), "helm template of chart "
                    + (chartDir.isEmpty() ? "." : chartDir) + " did not finish within " + helm.timeout().toSeconds()
                    + " s and was stopped; look for a template that loops, or raise the limit on the agent with "
                    + HelmProcess.TIMEOUT_VARIABLE + " (seconds)"));
            return List.of();
        }
        if (!result.ok()) {
            problems.add(HelmErrors.problem(result.error(), snapshot, chartDir, root, helm.describe()));
            return List.of();
        }
        List<LocatedDocument> documents = new ArrayList<>(crds(chartDir, chartFiles, options, variables, problems));
        documents.addAll(documents(chartDir, result.manifest(), options, variables, problems));
        HelmRandomness.warn(chartFiles, documents, progress);
        return documents;
    }

    private static HelmProcess.Result template(HelmProcess helm, Path root, String chartDir, List<String> valuesFiles,
            HelmSettings settings) {
        Path chart = root.resolve(chartDir.isEmpty() ? "." : chartDir).toAbsolutePath();
        Path setValues = null;
        try {
            List<Path> files = new ArrayList<>();
            for (String file : valuesFiles) {
                files.add(root.resolve(file).toAbsolutePath());
            }
            if (!settings.values().isEmpty()) {
                setValues = privateFile(root, settings);
                files.add(setValues.toAbsolutePath());
            }
            return helm.template(new HelmProcess.Request(chart, settings.releaseName() != null
                    ? settings.releaseName() : releaseName(chartDir), settings.namespace() != null
                    ? settings.namespace() : HelmSettings.DEFAULT_NAMESPACE, settings.kubeVersion(), files));
        } catch (IOException e) {
            throw new GitopsException("cannot write the Helm values of " + chartDir + ": " + e.getMessage(), e);
        } finally {
            if (setValues != null) {
                try {
                    Files.deleteIfExists(setValues);
                } catch (IOException e) {
                    // The checkout directory it lives in is removed with the snapshot.
                }
            }
        }
    }

    /** {@code helm.values} as the last values file: Helm merges it over the others as it would {@code --set}. */
    private static Path privateFile(Path root, HelmSettings settings) throws IOException {
        Path file = Files.createTempFile(root, ".gitops-helm-values-", ".yaml");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(file, new Yaml(dumper).dump(settings.values()), StandardCharsets.UTF_8);
        return file;
    }

    /** Helm's own default would be "release-name"; the directory says more in a plan. */
    private static String releaseName(String chartDir) {
        String name = RepoPaths.name(chartDir).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return name.isEmpty() ? "release" : name;
    }

    /** {@code podinfo/templates/x.yaml} (chart name first) to the file in the repository. */
    static String inRepository(String chartDir, String helmPath) {
        int slash = helmPath.indexOf('/');
        return slash < 0 ? RepoPaths.join(chartDir, helmPath) : RepoPaths.join(chartDir, helmPath.substring(slash + 1));
    }

    private static List<LocatedDocument> documents(String chartDir, String output, RenderOptions options,
            Variables variables, List<Problem> problems) {
        List<LocatedDocument> documents = new ArrayList<>();
        Matcher source = SOURCE.matcher(output);
        List<Integer> starts = new ArrayList<>();
        List<String> files = new ArrayList<>();
        while (source.find()) {
            starts.add(source.start());
            files.add(inRepository(chartDir, source.group(1)));
        }
        for (int i = 0; i < starts.size(); i++) {
            String text = output.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : output.length());
            String file = files.get(i);
            Origin origin = new Origin(file, 0);
            for (YamlDocuments.Composed document : YamlDocuments.compose(file, text.getBytes(StandardCharsets.UTF_8),
                    options, problems)) {
                NodeConstructor.map(document, document.root(), options, variables, mark -> origin, problems)
                        .ifPresent(body -> documents.add(new LocatedDocument(body, origin)));
            }
        }
        return documents;
    }

    /** The chart's and its unpacked subcharts' {@code crds/} files, as plain manifests. */
    private static List<LocatedDocument> crds(String chartDir, List<SourceFile> chartFiles, RenderOptions options,
            Variables variables, List<Problem> problems) {
        List<LocatedDocument> documents = new ArrayList<>();
        for (SourceFile file : chartFiles) {
            String relative = chartDir.isEmpty() ? file.path() : file.path().startsWith(chartDir + "/")
                    ? file.path().substring(chartDir.length() + 1) : null;
            if (relative != null && isCrdFile(relative)) {
                documents.addAll(Manifests.read(file.path(), file.content(), options, variables, problems));
            }
        }
        return documents;
    }

    private static boolean isCrdFile(String relative) {
        String[] parts = relative.split("/");
        boolean inCrds = parts.length == 2 && parts[0].equals("crds")
                || parts.length >= 4 && parts.length % 2 == 0 && isSubchartCrds(parts);
        return inCrds && CRD_EXTENSIONS.stream().anyMatch(relative::endsWith);
    }

    /** charts/a/crds/x.yaml, charts/a/charts/b/crds/x.yaml, ... */
    private static boolean isSubchartCrds(String[] parts) {
        for (int i = 0; i < parts.length - 2; i += 2) {
            if (!parts[i].equals("charts")) {
                return false;
            }
        }
        return parts[parts.length - 2].equals("crds");
    }
}
