package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ProgressCounter;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.source.SourceFile;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The desired state of an environment directory at one commit. A directory holding a kustomization
 * (the environment itself or any subdirectory) is rendered by kustomize as one unit; every other
 * {@code .yaml}, {@code .yml} and {@code .json} file is a plain multi-document manifest. Names starting
 * with '.' are skipped ({@code .gitops.yaml} is configuration, not a resource).
 */
public final class Renderer {
    private static final List<String> MANIFEST_EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private final RenderOptions options;
    private final Progress progress;
    private final Kustomize kustomize;

    public Renderer(RenderOptions options, Progress progress) {
        this(options, progress, Kustomize.onPath());
    }

    public Renderer(RenderOptions options, Progress progress, Kustomize kustomize) {
        this.options = options;
        this.progress = progress;
        this.kustomize = kustomize;
    }

    /**
     * @throws InvalidDesiredStateException listing every problem found in every file
     * @throws io.jenkins.plugins.gitops.engine.GitopsException when kustomize is needed and not installed
     */
    public DesiredState render(SourceSnapshot snapshot) {
        Variables variables = Variables.of(options.variables());
        List<Unit> units = units(snapshot);
        ProgressCounter counter = new ProgressCounter(progress, "render", units.size());
        // Plain files are independent and most of the work: parse them on every core, each into its own
        // problem list, then merge everything in unit order so the result does not depend on scheduling.
        // Kustomize runs one directory at a time, as it always has.
        List<Rendered> parsed = units.parallelStream()
                .map(unit -> unit.kustomization() ? null : plain(unit, variables, counter))
                .toList();
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Rendered rendered = parsed.get(i);
            if (rendered == null) {
                documents.addAll(kustomize.render(snapshot, units.get(i).file().path(), options, variables, problems));
                counter.step();
            } else {
                documents.addAll(rendered.documents());
                problems.addAll(rendered.problems());
            }
        }
        List<Resource> resources = ResourceValidator.validate(documents, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing((Problem p) -> p.origin().file()).thenComparing(p -> p.origin().line()));
            throw new InvalidDesiredStateException(problems);
        }
        return DesiredState.of(resources);
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

    /** A plain manifest file, or the kustomization file of a directory rendered as a whole. */
    private record Unit(SourceFile file, boolean kustomization) {
    }

    private static List<Unit> units(SourceSnapshot snapshot) {
        String base = snapshot.path();
        List<SourceFile> visible = snapshot.files().stream().filter(f -> !hidden(base, f.path())).toList();
        Set<String> kustomizationDirs = new HashSet<>();
        for (SourceFile file : visible) {
            if (Kustomize.FILE_NAMES.contains(RepoPaths.name(file.path()))) {
                kustomizationDirs.add(RepoPaths.parent(file.path()));
            }
        }
        List<Unit> units = new ArrayList<>();
        Set<String> rendered = new HashSet<>();
        for (SourceFile file : visible) {
            String dir = kustomizationDirAbove(file.path(), kustomizationDirs);
            if (dir != null) {
                if (rendered.add(dir)) {
                    units.add(new Unit(kustomizationFile(dir, visible), true));
                }
            } else if (MANIFEST_EXTENSIONS.stream().anyMatch(file.path()::endsWith)) {
                units.add(new Unit(file, false));
            }
        }
        units.sort(Comparator.comparing(u -> u.file().path()));
        return units;
    }

    /** The outermost directory holding a kustomization that contains the file, or null. */
    private static String kustomizationDirAbove(String path, Set<String> kustomizationDirs) {
        String found = null;
        String dir = path;
        while (!dir.isEmpty()) {
            dir = RepoPaths.parent(dir);
            if (kustomizationDirs.contains(dir)) {
                found = dir;
            }
        }
        return found;
    }

    /** Kustomize's own preference when a directory holds several names: the first of FILE_NAMES. */
    private static SourceFile kustomizationFile(String dir, List<SourceFile> files) {
        return Kustomize.FILE_NAMES.stream().map(name -> RepoPaths.join(dir, name))
                .flatMap(path -> files.stream().filter(f -> f.path().equals(path)))
                .findFirst().orElseThrow();
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
