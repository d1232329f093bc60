package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs in a child JVM started with the heap limit to prove: plans one corpus against its live state end to
 * end (source, render, diff), measures the bare SnakeYAML parse of the same files, and prints one line of
 * {@code key=value} figures for {@link Bench} to read.
 */
public final class PlanChild {
    private PlanChild() {
    }

    /** Arguments: repository, live target directory, warm-up runs, measured runs. */
    public static void main(String[] args) {
        Path repository = Path.of(args[0]);
        Path live = Path.of(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);

        List<Path> files = manifestFiles(repository.resolve(Corpus.PATH));
        // In turns, so that the parse and the plan it is the floor of run in the same state of the JVM (its JIT,
        // its heap): measured one after the other, the ratio at 10,000 was 1.2, 2.9 and 3.6 in three runs.
        List<Double> parses = new ArrayList<>();
        List<Double> plans = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            double parseMillis = Samples.measure(0, 1, () -> parseAll(files), Bench::consume).min();
            double planMillis = Samples.measure(0, 1, () -> plan(repository, live), Bench::consume).min();
            if (i >= warmup) {
                parses.add(parseMillis);
                plans.add(planMillis);
            }
        }
        Samples parse = new Samples(parses);
        Samples plan = new Samples(plans);
        long peakUsed = 0;
        long peakLive = 0;
        int changes;
        try (HeapWatch heap = new HeapWatch()) {
            heap.reset();
            Plan measured = plan(repository, live);
            peakUsed = heap.peakUsed();
            peakLive = heap.peakLive();
            changes = measured.summary().create() + measured.summary().update() + measured.summary().delete();
        }
        System.out.println(Bench.RESULT + " planMin=" + plan.min() + " planMedian=" + plan.median()
                + " parseMin=" + parse.min() + " parseMedian=" + parse.median()
                + " peakUsed=" + peakUsed + " peakLive=" + peakLive + " changes=" + changes
                + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }

    static Plan plan(Path repository, Path live) {
        Environment env = new EnvironmentLoader(RenderOptions.defaults(), List.of(), Progress.NONE)
                .load(new SourceSpec(repository.toString(), "HEAD", Corpus.PATH));
        return new Planner(new DirectoryTarget(live), Progress.NONE, Clock.systemUTC()).plan(env, Pruning.ON);
    }

    /** The floor: read each file and let SnakeYAML build its documents, nothing else. */
    static int parseAll(List<Path> files) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        int documents = 0;
        for (Path file : files) {
            try {
                for (Object document : yaml.loadAll(Files.readString(file))) {
                    documents += document instanceof Map<?, ?> ? 1 : 0;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    static List<Path> manifestFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
