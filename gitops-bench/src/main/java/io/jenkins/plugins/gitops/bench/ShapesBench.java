package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Real shapes, as the command line meets them: the kube-prometheus corpus ({@value #CORPUS}, a few very large CRDs
 * and dashboards) planned by {@code ./gitops plan} into an empty directory target and after a one-line change in its
 * largest CRD, and the quickstart environment's plan (start-up); each beside {@code kubectl create
 * --dry-run=client -o yaml} of the same files, both as new processes in turns in the same run, with their peak
 * resident memory. kubectl asks {@link DiscoveryStub} for the kinds' resources.
 */
final class ShapesBench {
    static final String CORPUS = "gitops-bench/corpus/kube-prometheus/manifests";
    static final String QUICKSTART = "examples/environments/staging";
    private static final Pattern DESCRIPTION = Pattern.compile("(?m)^(\\s+description: [A-Za-z].*)$");

    private ShapesBench() {
    }

    /** Figures of one command over the measured runs. */
    private record Runs(Samples time, double peakRssMb) {
        static Runs of(List<NewProcess> runs) {
            return new Runs(new Samples(runs.stream().map(NewProcess::millis).toList()),
                    runs.stream().mapToDouble(NewProcess::peakRssMb).max().orElse(0));
        }
    }

    static List<Row> run(Path root, int runs, Path work, PrintStream log) {
        Path gitops = root.resolve("gitops");
        Path repoDir = work.resolve("shapes-repo");
        List<Row> rows = new ArrayList<>();
        try (GitRepoFixture repo = GitRepoFixture.init(repoDir)) {
            repo.copyTree(root.resolve(CORPUS), "manifests");
            repo.commit("kube-prometheus manifests");
            Map<String, Set<String>> kinds = kinds(repoDir.resolve("manifests"));
            kinds.computeIfAbsent("v1", v -> new TreeSet<>()).addAll(List.of("Namespace", "ConfigMap", "Service"));
            kinds.computeIfAbsent("apps/v1", v -> new TreeSet<>()).add("Deployment");
            try (DiscoveryStub stub = DiscoveryStub.serving(kinds)) {
                Path kubeconfig = stub.writeKubeconfig(work.resolve("stub-kubeconfig"));
                List<String> kubectl = List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "create",
                        "--dry-run=client", "--validate=false", "-o", "yaml");
                Path target = work.resolve("shapes-target");
                List<String> plan = List.of(gitops.toString(), "plan", "-q", "--repo", repoDir.toString(),
                        "--path", "manifests", "--target", "dir:" + target);
                List<String> kubectlFiles = concat(kubectl, List.of("-R", "-f", repoDir.resolve("manifests").toString()));

                rows.add(KubeBench.load("the kube-prometheus plans"));
                log.println("bench: kube-prometheus: gitops plan (131 creates) and kubectl create --dry-run=client,"
                        + " new processes in turns");
                // The first run after a build makes the launcher's class-data archive: not a user's every run.
                NewProcess.check(plan, work.resolve("o"), work.resolve("e"), 2);
                rows.addAll(pair("kube-prometheus plan, 131 creates", plan, "131 to create", kubectlFiles, runs, work));

                NewProcess.check(List.of(gitops.toString(), "apply", "-q", "--auto-approve", "--repo",
                        repoDir.toString(), "--path", "manifests", "--target", "dir:" + target), work.resolve("o"),
                        work.resolve("e"), 0);
                Path largest = largest(repoDir.resolve("manifests"));
                String text = Files.readString(largest);
                Matcher line = DESCRIPTION.matcher(text);
                if (!line.find()) {
                    throw new IllegalStateException("no description line to change in " + largest);
                }
                repo.write(repoDir.relativize(largest).toString(),
                        text.substring(0, line.end()) + " Changed." + text.substring(line.end()));
                repo.commit("one line of " + largest.getFileName());
                log.println("bench: kube-prometheus after a one-line change in " + largest.getFileName());
                rows.addAll(pair("kube-prometheus plan, one line of its largest CRD changed", plan, "1 to update",
                        kubectlFiles, runs, work));

                rows.add(KubeBench.load("the start-up rows"));
                log.println("bench: start-up: gitops --version, the quickstart plan, kubectl");
                Runs version = measure(List.of(gitops.toString(), "--version"), runs, work);
                rows.add(Row.timed("gitops --version, new process", version.time(), "", null));
                List<String> quickstart = List.of(gitops.toString(), "plan", "-q", "--repo", root.toString(), "--path",
                        QUICKSTART, "--target", "dir:" + work.resolve("quickstart-target"));
                rows.addAll(pair("quickstart plan (" + QUICKSTART + ")", quickstart, "to create",
                        concat(kubectl, List.of("-k", root.resolve(QUICKSTART).toString())), runs, work));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * The plan and kubectl in turns, one unmeasured run each first; the plan's output must contain {@code expect}.
     * Goals: kube-prometheus at most 2.5x kubectl and 400 MB; the quickstart plan at most 800 ms.
     */
    private static List<Row> pair(String name, List<String> plan, String expect, List<String> kubectl, int runs,
            Path work) throws IOException {
        Path planOut = work.resolve("plan.out");
        List<NewProcess> plans = new ArrayList<>();
        List<NewProcess> kubectls = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            NewProcess p = NewProcess.check(plan, planOut, work.resolve("plan.err"), 2);
            NewProcess k = NewProcess.check(kubectl, work.resolve("kubectl.out"), work.resolve("kubectl.err"), 0);
            if (i > 0) {
                plans.add(p);
                kubectls.add(k);
            }
        }
        if (!Files.readString(planOut).contains(expect)) {
            throw new IllegalStateException(name + ": the plan did not say '" + expect + "': " + Files.readString(planOut));
        }
        Runs g = Runs.of(plans);
        Runs k = Runs.of(kubectls);
        boolean quickstart = name.startsWith("quickstart");
        double ratio = g.time().median() / k.time().median();
        List<Row> rows = new ArrayList<>();
        rows.add(Row.timed(name + ": gitops plan", g.time(), quickstart ? "<= 800 ms" : "",
                quickstart ? g.time().median() <= 800 : null));
        rows.add(Row.figure("  peak RSS", g.peakRssMb(), "MB", quickstart ? "" : "<= 400 MB",
                quickstart ? null : g.peakRssMb() <= 400));
        rows.add(Row.timed(name + ": kubectl create --dry-run=client", k.time(), "", null));
        rows.add(Row.figure("  peak RSS", k.peakRssMb(), "MB", "", null));
        rows.add(Row.figure(name + ": gitops / kubectl, medians", ratio, "x", quickstart ? "" : "<= 2.5",
                quickstart ? null : ratio <= 2.5));
        return rows;
    }

    private static Runs measure(List<String> command, int runs, Path work) {
        List<NewProcess> all = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            NewProcess p = NewProcess.check(command, work.resolve("o"), work.resolve("e"), 0);
            if (i > 0) {
                all.add(p);
            }
        }
        return Runs.of(all);
    }

    /** apiVersion -> kinds of every document under {@code dir}. */
    static Map<String, Set<String>> kinds(Path dir) throws IOException {
        Map<String, Set<String>> kinds = new TreeMap<>();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(Files.readString(file))) {
                    if (doc instanceof Map<?, ?> map && map.get("apiVersion") != null && map.get("kind") != null) {
                        kinds.computeIfAbsent(map.get("apiVersion").toString(), v -> new TreeSet<>())
                                .add(map.get("kind").toString());
                        if (map.get("items") instanceof List<?> items) {
                            items.stream().filter(Map.class::isInstance).map(Map.class::cast).forEach(item -> kinds
                                    .computeIfAbsent(String.valueOf(item.get("apiVersion")), v -> new TreeSet<>())
                                    .add(String.valueOf(item.get("kind"))));
                        }
                    }
                }
            }
        }
        return kinds;
    }

    private static Path largest(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().contains("CustomResourceDefinition"))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
