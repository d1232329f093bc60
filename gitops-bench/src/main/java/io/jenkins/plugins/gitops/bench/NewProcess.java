package io.jenkins.plugins.gitops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One command run as a new process, as a user runs it: wall time from start to exit, its peak resident set
 * size and its CPU time. The peak is the kernel's high-water mark ({@code VmHWM} in {@code /proc/PID/status}), read
 * every 5 ms until the process ends: it only grows, so the last reading misses at most what the last 5 ms added. A
 * launcher script must {@code exec} its program for the figures to be the program's. {@code peakTreeRssMb} counts the
 * processes it starts too (a helm binary, a child JVM): the largest sum, over the 5 ms readings, of the resident sizes
 * ({@code VmRSS}) of the process and its descendants alive at that moment, and never less than the process's own peak.
 * {@code cpuMillis}: user and system time of the process and of the children it waited for ({@code /proc/PID/stat},
 * in 10 ms ticks), read alike; on a busy machine it moves far less than the wall time.
 */
record NewProcess(double millis, double peakRssMb, double peakTreeRssMb, double cpuMillis, int exit) {
    static NewProcess run(List<String> command, Path out, Path err) {
        return run(command, Map.of(), out, err);
    }

    /** With {@code env} added to this process's environment. */
    static NewProcess run(List<String> command, Map<String, String> env, Path out, Path err) {
        try {
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            Path status = status(process.pid());
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            long peakKb = 0;
            long treeKb = 0;
            long ticks = 0;
            while (process.isAlive()) {
                peakKb = Math.max(peakKb, field(status, "VmHWM:"));
                treeKb = Math.max(treeKb, field(status, "VmRSS:") + process.descendants()
                        .mapToLong(child -> field(status(child.pid()), "VmRSS:")).sum());
                ticks = Math.max(ticks, cpuTicks(stat));
                Thread.sleep(5);
            }
            double millis = (System.nanoTime() - start) / 1e6;
            return new NewProcess(millis, peakKb / 1024.0, Math.max(peakKb, treeKb) / 1024.0, ticks * 10.0,
                    process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Like {@link #run}; an exit above {@code highestSuccess} fails the benchmark with the first lines of stderr. */
    static NewProcess check(List<String> command, Path out, Path err, int highestSuccess) {
        return check(command, Map.of(), out, err, highestSuccess);
    }

    /** {@link #check} with {@code env} added to the environment. */
    static NewProcess check(List<String> command, Map<String, String> env, Path out, Path err, int highestSuccess) {
        NewProcess p = run(command, env, out, err);
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

    /**
     * utime + stime + cutime + cstime of {@code /proc/PID/stat} (fields 14 to 17, after the command name in
     * parentheses, which may hold spaces), in clock ticks of 10 ms; 0 once the process is gone.
     */
    private static long cpuTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path status(long pid) {
        return Path.of("/proc", Long.toString(pid), "status");
    }

    /** A size in kB from a status file; 0 once the process is gone (its status file with it). */
    private static long field(Path status, String name) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
