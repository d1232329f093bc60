package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing at the sizes issue 13 (point 17) found quadratic: one file of many small documents (5k / 10k / 20k took
 * 17 / 29 / 83 s), and one huge value (12 MB took 115 s; 50 MB ran 14 minutes before it was refused). Each is
 * committed to a real repository and loaded as an environment: source, render and validation.
 */
final class ParseBench {
    static final int FEW_DOCUMENTS = 10_000;
    static final int MANY_DOCUMENTS = 100_000;
    static final int HUGE_VALUE_BYTES = 50 * 1024 * 1024;

    private ParseBench() {
    }

    static List<Row> run(Path work, int warmup, int runs) {
        Samples few = timeLoad(oneFile(work.resolve("few"), documents(FEW_DOCUMENTS)), warmup, runs, false);
        // After a warm-up, as the small size is: a first run at a size measures the JVM getting used to it as well.
        Samples many = timeLoad(oneFile(work.resolve("many"), documents(MANY_DOCUMENTS)), Math.min(warmup, 1), 1,
                false);
        // Fastest runs: on a shared machine the median carries other processes' load.
        double ratio = many.min() / few.min();
        String value = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: "
                + "x".repeat(HUGE_VALUE_BYTES) + "\n";
        Samples huge = timeLoad(oneFile(work.resolve("huge"), value), warmup, runs, true);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.timed("render one file of " + FEW_DOCUMENTS + " small documents", few, "", null));
        rows.add(Row.timed("render one file of " + MANY_DOCUMENTS + " small documents", many, "", null));
        rows.add(Row.figure("one-file render time ratio " + MANY_DOCUMENTS + "/" + FEW_DOCUMENTS, ratio, "x",
                "<= 12 (linear: 10)", ratio <= 12));
        rows.add(Row.timed("refuse a 50 MB value (read, size check, error)", huge, "< 2000 ms", huge.median() < 2000));
        return rows;
    }

    private static String documents(int count) {
        StringBuilder file = new StringBuilder(count * 100);
        for (int i = 0; i < count; i++) {
            file.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i)
                    .append("\n  namespace: bench\ndata:\n  v: \"").append(i).append("\"\n");
        }
        return file.toString();
    }

    private static Path oneFile(Path repository, String content) {
        try (GitRepoFixture repo = GitRepoFixture.init(repository)) {
            repo.write("env/all.yaml", content);
            repo.commit("one file");
            return repository;
        }
    }

    private static Samples timeLoad(Path repository, int warmup, int runs, boolean refused) {
        EnvironmentLoader loader = new EnvironmentLoader(RenderOptions.defaults(), List.of(), Progress.NONE);
        SourceSpec spec = new SourceSpec(repository.toString(), "HEAD", "env");
        return Samples.timed(warmup, runs, () -> {
            long start = System.nanoTime();
            try {
                loader.load(spec);
                if (refused) {
                    throw new IllegalStateException("the huge value was not refused");
                }
            } catch (InvalidDesiredStateException e) {
                if (!refused) {
                    throw e;
                }
            }
            return (System.nanoTime() - start) / 1e6;
        });
    }
}
