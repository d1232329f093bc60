package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * and dashboards) planned, applied and verified by {@code ./gitops} into a directory target, first as 131 creates
 * into an empty one, then after a one-line change in its largest CRD; and the quickstart environment's plan
 * (start-up). Each beside {@code kubectl create --dry-run=client -o yaml} of the same files: every command a new
 * process, in turns in the same rounds, with its peak resident memory. kubectl asks {@link DiscoveryStub} for the
 * kinds' resources.
 */
final class ShapesBench {
    static final String CORPUS = "gitops-bench/corpus/kube-prometheus/manifests";
    static final String QUICKSTART = "examples/environments/staging";
    private static final Pattern DESCRIPTION = Pattern.compile("(?m)^(\\s+description: [A-Za-z].*)$");
    private static final String KUBECTL = "kubectl create --dry-run=client";

    private ShapesBench() {
    }

    /** Figures of one command over the measured runs. */
    private record Runs(Samples time, double peakRssMb, Samples cpu) {
        static Runs of(List<NewProcess> runs) {
            return new Runs(new Samples(runs.stream().map(NewProcess::millis).toList()),
                    runs.stream().mapToDouble(NewProcess::peakRssMb).max().orElse(0),
                    new Samples(runs.stream().map(NewProcess::cpuMillis).toList()));
        }
    }

    /**
     * One command of a round. {@code prepare} puts the target in the state the command starts from, unmeasured;
     * the command must exit with at most {@code highestSuccess} and print {@code expect}.
     */
    private record Step(String name, List<String> command, int highestSuccess, String expect, Runnable prepare) {
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
                Path applied = work.resolve("shapes-target-applied");
                Path planFile = work.resolve("shapes-plan.json");
                List<String> source = List.of("-q", "--repo", repoDir.toString(), "--path", "manifests", "--target",
                        "dir:" + target);
                List<String> plan = concat(List.of(gitops.toString(), "plan"), source);
                List<String> planOut = concat(plan, List.of("--out", planFile.toString()));
                List<String> applyNow = concat(List.of(gitops.toString(), "apply", "--auto-approve"), source);
                List<String> applySaved = List.of(gitops.toString(), "apply", "-q", "--repo", repoDir.toString(),
                        "--target", "dir:" + target, planFile.toString());
                List<String> verify = concat(List.of(gitops.toString(), "verify"), source);
                Step kubectlFiles = new Step(KUBECTL, concat(kubectl, List.of("-R", "-f",
                        repoDir.resolve("manifests").toString())), 0, "kind: CustomResourceDefinition", () -> { });

                rows.add(KubeBench.load("the kube-prometheus rows"));
                log.println("bench: kube-prometheus: gitops plan, apply (at once and of a saved plan) and verify of"
                        + " 131 creates, and kubectl create --dry-run=client, new processes in turns");
                // The first run after a build makes the launcher's class-data archive: not a user's every run.
                NewProcess.check(plan, work.resolve("o"), work.resolve("e"), 2);
                Runnable empty = () -> Bench.delete(target);
                rows.addAll(compared("kube-prometheus, 131 creates", rounds(List.of(kubectlFiles,
                        new Step("gitops plan", plan, 2, "131 to create", empty),
                        new Step("gitops apply --auto-approve", applyNow, 0, "131 created", empty),
                        new Step("gitops apply of a saved plan", applySaved, 0, "131 created", () -> {
                            Bench.delete(target);
                            NewProcess.check(planOut, work.resolve("o"), work.resolve("e"), 2);
                        }),
                        new Step("gitops verify after the apply", verify, 0, "No drift", () -> { })), runs, work),
                        true));

                Bench.delete(target);
                NewProcess.check(applyNow, work.resolve("o"), work.resolve("e"), 0);
                copy(target, applied);
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
                Runnable before = () -> copy(applied, target);
                rows.addAll(compared("kube-prometheus, one line of its largest CRD changed", rounds(List.of(
                        kubectlFiles,
                        new Step("gitops plan", plan, 2, "1 to update", before),
                        new Step("gitops apply --auto-approve", applyNow, 0, "1 updated", before),
                        new Step("gitops apply of a saved plan", applySaved, 0, "1 updated", () -> {
                            copy(applied, target);
                            NewProcess.check(planOut, work.resolve("o"), work.resolve("e"), 2);
                        }),
                        new Step("gitops verify after the apply", verify, 0, "No drift", () -> { })), runs, work),
                        true));

                rows.add(KubeBench.load("the start-up rows"));
                log.println("bench: start-up: gitops --version, the quickstart plan, kubectl");
                Path quickTarget = work.resolve("quickstart-target");
                Map<String, Runs> quick = rounds(List.of(
                        new Step(KUBECTL, concat(kubectl, List.of("-k", root.resolve(QUICKSTART).toString())), 0,
                                "kind: ", () -> { }),
                        new Step("gitops --version", List.of(gitops.toString(), "--version"), 0, "", () -> { }),
                        new Step("gitops plan", List.of(gitops.toString(), "plan", "-q", "--repo", root.toString(),
                                "--path", QUICKSTART, "--target", "dir:" + quickTarget), 2, "to create",
                                () -> Bench.delete(quickTarget))), runs, work);
                rows.addAll(compared("quickstart (" + QUICKSTART + ")", quick, false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * Runs {@code steps} in turns, one unmeasured round first, then {@code runs} measured; returns each step's
     * figures by name. The same minutes of a shared machine thus weigh on every command alike.
     */
    private static Map<String, Runs> rounds(List<Step> steps, int runs, Path work) throws IOException {
        Map<String, List<NewProcess>> measured = new LinkedHashMap<>();
        Path out = work.resolve("step.out");
        for (int i = 0; i <= runs; i++) {
            for (Step step : steps) {
                step.prepare().run();
                NewProcess p = NewProcess.check(step.command(), out, work.resolve("step.err"), step.highestSuccess());
                if (!Files.readString(out).contains(step.expect())) {
                    throw new IllegalStateException(step.name() + " did not print '" + step.expect() + "': "
                            + Files.readString(out).lines().limit(20).toList());
                }
                if (i > 0) {
                    measured.computeIfAbsent(step.name(), n -> new ArrayList<>()).add(p);
                }
            }
        }
        Map<String, Runs> figures = new LinkedHashMap<>();
        measured.forEach((name, processes) -> figures.put(name, Runs.of(processes)));
        return figures;
    }

    /**
     * kubectl's row, then each gitops command's time, peak RSS and ratio of medians to kubectl's. Goals: at most
     * 2.5x kubectl and 400 MB for kube-prometheus ({@code large}); at most 800 ms for the quickstart plan.
     */
    private static List<Row> compared(String name, Map<String, Runs> figures, boolean large) {
        Runs k = figures.get(KUBECTL);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.timed(name + ": " + KUBECTL, k.time(), "", null));
        rows.add(Row.figure("  peak RSS", k.peakRssMb(), "MB", "", null));
        rows.add(Row.timed("  CPU time (user + system)", k.cpu(), "", null));
        figures.forEach((command, g) -> {
            if (command.equals(KUBECTL)) {
                return;
            }
            boolean quickPlan = !large && command.equals("gitops plan");
            double ratio = g.time().median() / k.time().median();
            rows.add(Row.timed(name + ": " + command, g.time(), quickPlan ? "<= 800 ms" : "",
                    quickPlan ? g.time().median() <= 800 : null));
            rows.add(Row.figure("  peak RSS", g.peakRssMb(), "MB", large ? "<= 400 MB" : "",
                    large ? g.peakRssMb() <= 400 : null));
            rows.add(Row.figure("  / kubectl, medians", ratio, "x", large ? "<= 2.5" : "", large ? ratio <= 2.5 : null));
            rows.add(Row.timed("  CPU time (user + system)", g.cpu(), "", null));
            rows.add(Row.figure("  CPU / kubectl's, medians", g.cpu().median() / k.cpu().median(), "x", "", null));
        });
        return rows;
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

    /** Makes {@code to} a copy of {@code from}, modes and times kept ({@code cp -a}; the bench reads /proc anyway). */
    private static void copy(Path from, Path to) {
        Bench.delete(to);
        try {
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("cp -a " + from + " " + to + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
