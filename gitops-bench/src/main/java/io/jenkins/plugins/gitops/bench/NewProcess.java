package io.jenkins.plugins.gitops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One command run as a new process, as a user runs it: wall time from start to exit and its peak resident set
 * size. The peak is the kernel's high-water mark ({@code VmHWM} in {@code /proc/PID/status}), read every 5 ms until
 * the process ends: it only grows, so the last reading misses at most what the last 5 ms added. A launcher script
 * must {@code exec} its program for the figure to be the program's.
 */
record NewProcess(double millis, double peakRssMb, int exit) {
    static NewProcess run(List<String> command, Path out, Path err) {
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            long peakKb = 0;
            while (process.isAlive()) {
                peakKb = Math.max(peakKb, highWaterKb(status));
                Thread.sleep(5);
            }
            double millis = (System.nanoTime() - start) / 1e6;
            return new NewProcess(millis, peakKb / 1024.0, process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Like {@link #run}; an exit above {@code highestSuccess} fails the benchmark with the first lines of stderr. */
    static NewProcess check(List<String> command, Path out, Path err, int highestSuccess) {
        NewProcess p = run(command, out, err);
        if (p.exit() > highestSuccess) {
            List<String> lines;
            try {
                lines = Files.readAllLines(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exit() + "): "
                    + String.join(" | ", lines.subList(0, Math.min(5, lines.size()))));
        }
        return p;
    }

    /** 0 once the process is gone (its status file with it). */
    private static long highWaterKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
