package io.jenkins.plugins.gitops.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl, run as users run it today, against the same fake API server: {@code kubectl diff --server-side} and
 * {@code kubectl apply --server-side} on the rendered directory. Apply runs with {@code --validate=false}: the
 * fake serves no OpenAPI document, and validation is not what is compared ({@code kubectl diff} does not validate).
 */
final class Kubectl {
    private Kubectl() {
    }

    static boolean available() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /** Wall time in ms of {@code kubectl diff --server-side -f dir}; exit 0 (same) and 1 (differences) are success. */
    static double diff(Path kubeconfig, Path dir, Path work) {
        return run(kubeconfig, work, List.of("diff", "--server-side", "--field-manager",
                "gitops-pipeline", "-f", dir.toString()), 1);
    }

    /** Wall time in ms of {@code kubectl apply --server-side -f dir}. */
    static double apply(Path kubeconfig, Path dir, Path work) {
        return run(kubeconfig, work, List.of("apply", "--server-side", "--validate=false", "--field-manager",
                "gitops-pipeline", "-f", dir.toString()), 0);
    }

    private static double run(Path kubeconfig, Path work, List<String> arguments, int highestSuccess) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(arguments);
        Path out = work.resolve("kubectl.out");
        Path err = work.resolve("kubectl.err");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            int exit = process.waitFor();
            double millis = (System.nanoTime() - start) / 1e6;
            if (exit > highestSuccess) {
                List<String> lines = Files.readAllLines(err);
                throw new IllegalStateException("kubectl " + String.join(" ", arguments) + " failed (exit " + exit
                        + "): " + String.join(" | ", lines.subList(0, Math.min(5, lines.size()))));
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
