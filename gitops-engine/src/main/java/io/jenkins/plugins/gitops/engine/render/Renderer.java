package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ProgressCounter;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Hook;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.source.SourceFile;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired state of an environment directory at one commit. A directory holding a kustomization is
 * rendered by kustomize as one unit, and a directory holding {@code Chart.yaml} by Helm (the outermost of
 * either wins); every other {@code .yaml}, {@code .yml} and {@code .json} file is a plain multi-document
 * manifest, and every other {@code .jsonnet} file is evaluated by {@link Jsonnet} ({@code .libsonnet} files are
 * what it imports). Names starting with '.' are skipped ({@code .gitops.yaml} is configuration, not a resource).
 * Any other file is rendered by nothing, and each is named in a warning.
 */
public final class Renderer {
    private static final Logger LOG = System.getLogger(Renderer.class.getName());
    private static final List<String> MANIFEST_EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private final RenderOptions options;
    private final Progress progress;
    private final Kustomize kustomize;
    private final HelmProcess helm;
    private final Jsonnet jsonnet;

    public Renderer(RenderOptions options, Progress progress) {
        this(options, progress, options.toolEnvironment());
    }

    private Renderer(RenderOptions options, Progress progress, Map<String, String> tools) {
        this(options, progress, new Kustomize(tools.get("PATH"), Kustomize.DEFAULT_TIMEOUT),
                HelmProcess.fromEnvironment(tools), Jsonnet.withDefaultTimeout());
    }

    public Renderer(RenderOptions options, Progress progress, Kustomize kustomize) {
        this(options, progress, kustomize, HelmProcess.fromEnvironment(options.toolEnvironment()),
                Jsonnet.withDefaultTimeout());
    }

    public Renderer(RenderOptions options, Progress progress, Kustomize kustomize, HelmProcess helm) {
        this(options, progress, kustomize, helm, Jsonnet.withDefaultTimeout());
    }

    public Renderer(RenderOptions options, Progress progress, Kustomize kustomize, Jsonnet jsonnet) {
        this(options, progress, kustomize, HelmProcess.fromEnvironment(options.toolEnvironment()), jsonnet);
    }

    private Renderer(RenderOptions options, Progress progress, Kustomize kustomize, HelmProcess helm,
            Jsonnet jsonnet) {
        this.options = options;
        this.progress = progress;
        this.kustomize = kustomize;
        this.helm = helm;
        this.jsonnet = jsonnet;
    }

    /**
     * @throws InvalidDesiredStateException listing every problem found in every file, or naming the path when
     *     nothing under it renders
     * @throws io.jenkins.plugins.gitops.engine.GitopsException when kustomize is needed and not installed
     */
    public DesiredState render(SourceSnapshot snapshot) {
        Variables variables = options.substitution();
        Units units = Units.of(snapshot);
        LOG.log(Level.DEBUG, () -> "render '" + snapshot.path() + "': " + units.describe());
        List<Problem> problems = new ArrayList<>();
        for (SourceFile file : units.unrendered()) {
            progress.warn(file.path() + " is not rendered: only .yaml, .yml, .json and .jsonnet files, kustomize"
                    + " directories and Helm charts are; move it out of the environment directory if it is"
                    + " not a manifest");
        }
        if (units.list().isEmpty()) {
            problems.add(new Problem(new Origin(snapshot.path().isEmpty() ? "." : snapshot.path(), 0),
                    "nothing here renders: no .yaml, .yml, .json or .jsonnet file, kustomization or Helm chart;"
                            + " check --path"));
            throw new InvalidDesiredStateException(problems);
        }
        ProgressCounter counter = new ProgressCounter(progress, "render", units.list().size());
        // Plain files are independent and most of the work: parse them on every core, each into its own
        // problem list, then merge everything in unit order so the result does not depend on scheduling.
        // Kustomize, Helm and Jsonnet run one unit at a time.
        Jsonnet.Run jsonnetFiles = jsonnet.run(snapshot, options, variables);
        List<Rendered> parsed = units.list().parallelStream()
                .map(unit -> unit.kind() == Unit.Kind.PLAIN ? plain(unit, variables, counter) : null)
                .toList();
        List<LocatedDocument> documents = new ArrayList<>();
        for (int i = 0; i < units.list().size(); i++) {
            Rendered rendered = parsed.get(i);
            Unit unit = units.list().get(i);
            if (rendered != null) {
                documents.addAll(rendered.documents());
                problems.addAll(rendered.problems());
                continue;
            }
            if (unit.kind() == Unit.Kind.KUSTOMIZE) {
                documents.addAll(kustomize.render(snapshot, unit.file().path(), options, variables, problems));
            } else if (unit.kind() == Unit.Kind.JSONNET) {
                documents.addAll(jsonnetFiles.render(unit.file(), problems));
            } else {
                documents.addAll(HelmChart.render(helm, snapshot, RepoPaths.parent(unit.file().path()),
                        units.filesUnder(RepoPaths.parent(unit.file().path())), options, variables, problems,
                        progress));
            }
            counter.step();
        }
        // Hooks no install or sync runs (a chart's tests, Argo CD's Skip) are left out, wherever they come from.
        documents.removeIf(document -> Hook.neverInstalled(document.body()));
        documents = SecretData.substitute(documents, variables, problems);
        List<Resource> resources = ResourceValidator.validate(documents, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing((Problem p) -> p.origin().file()).thenComparing(p -> p.origin().line()));
            throw new InvalidDesiredStateException(problems);
        }
        boolean charts = units.list().stream().anyMatch(unit -> unit.kind() == Unit.Kind.CHART);
        return DesiredState.of(resources).withRenderedBy(charts ? List.of(helm.describe()) : List.of());
    }

    private Rendered plain(Unit unit, Variables variables, ProgressCounter counter) {
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = Manifests.read(unit.file().path(), unit.file().content(), options, variables,
                problems);
        counter.step();
        return new Rendered(documents, problems);
    }

    /** What one plain manifest file yields. */
    private record Rendered(List<LocatedDocument> documents, List<Problem> problems) {
    }

    /**
     * A plain manifest file, a Jsonnet file, or the kustomization file or Chart.yaml of a directory rendered as a
     * whole.
     */
    record Unit(SourceFile file, Kind kind) {
        enum Kind { PLAIN, KUSTOMIZE, CHART, JSONNET }
    }

    /** How the files of the environment split into units, and which files no unit renders. */
    private record Units(List<Unit> list, List<SourceFile> unrendered, Map<String, List<SourceFile>> byUnitDir) {
        /** How many plain files, which kustomize directories and Helm charts, how many files left out. */
        String describe() {
            Map<Unit.Kind, List<String>> byKind = new EnumMap<>(Unit.Kind.class);
            list.forEach(u -> byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>()).add(u.file().path()));
            return byKind.getOrDefault(Unit.Kind.PLAIN, List.of()).size() + " plain file(s), kustomize "
                    + byKind.getOrDefault(Unit.Kind.KUSTOMIZE, List.of()) + ", Helm chart(s) "
                    + byKind.getOrDefault(Unit.Kind.CHART, List.of()) + ", Jsonnet "
                    + byKind.getOrDefault(Unit.Kind.JSONNET, List.of()) + ", " + unrendered.size()
                    + " file(s) not rendered";
        }

        List<SourceFile> filesUnder(String dir) {
            return byUnitDir.getOrDefault(dir, List.of());
        }

        static Units of(SourceSnapshot snapshot) {
            String base = snapshot.path();
            List<SourceFile> visible = snapshot.files().stream().filter(f -> !hidden(base, f.path())).toList();
            Map<String, Unit> unitDirs = new HashMap<>();
            for (SourceFile file : visible) {
                String name = RepoPaths.name(file.path());
                String dir = RepoPaths.parent(file.path());
                if (name.equals(HelmChart.CHART_FILE)) {
                    unitDirs.put(dir, new Unit(file, Unit.Kind.CHART));
                } else if (Kustomize.FILE_NAMES.contains(name)) {
                    // Kustomize's own preference when a directory holds several names: the first of FILE_NAMES.
                    unitDirs.merge(dir, new Unit(file, Unit.Kind.KUSTOMIZE), Units::preferred);
                }
            }
            List<Unit> units = new ArrayList<>();
            List<SourceFile> unrendered = new ArrayList<>();
            Map<String, List<SourceFile>> byUnitDir = new HashMap<>();
            for (SourceFile file : visible) {
                String dir = outermostUnitDir(file.path(), unitDirs);
                if (dir != null) {
                    if (byUnitDir.computeIfAbsent(dir, d -> new ArrayList<>()).isEmpty()) {
                        units.add(unitDirs.get(dir));
                    }
                    byUnitDir.get(dir).add(file);
                } else if (MANIFEST_EXTENSIONS.stream().anyMatch(file.path()::endsWith)) {
                    units.add(new Unit(file, Unit.Kind.PLAIN));
                } else if (Jsonnet.isJsonnet(file.path())) {
                    units.add(new Unit(file, Unit.Kind.JSONNET));
                } else if (!Jsonnet.isLibrary(file.path())) {
                    unrendered.add(file);
                }
            }
            units.sort(Comparator.comparing(u -> u.file().path()));
            return new Units(units, unrendered, byUnitDir);
        }

        /** A chart wins over a kustomization in the same directory; among kustomizations, FILE_NAMES order. */
        private static Unit preferred(Unit a, Unit b) {
            if (a.kind() != b.kind()) {
                return a.kind() == Unit.Kind.CHART ? a : b;
            }
            return Kustomize.FILE_NAMES.indexOf(RepoPaths.name(a.file().path()))
                    <= Kustomize.FILE_NAMES.indexOf(RepoPaths.name(b.file().path())) ? a : b;
        }

        /** The outermost directory holding a kustomization or a chart that contains the file, or null. */
        private static String outermostUnitDir(String path, Map<String, Unit> unitDirs) {
            String found = null;
            String dir = path;
            while (!dir.isEmpty()) {
                dir = RepoPaths.parent(dir);
                if (unitDirs.containsKey(dir)) {
                    found = dir;
                }
            }
            return found;
        }

        private static boolean hidden(String base, String path) {
            String relative = base.isEmpty() ? path : path.substring(Math.min(path.length(), base.length() + 1));
            for (String segment : relative.split("/")) {
                if (segment.startsWith(".")) {
                    return true;
                }
            }
            return false;
        }
    }
}
