package io.jenkins.plugins.gitops.engine.adversarial;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A separate process that applies slowly: {@code <repo> <ref> <path> <targetDir> <user> <leaseMillis>
 * <pauseMillisPerWrite> <lockWaitMillis>}. Prints each lock and write event on stdout, prefixed with the
 * wall-clock time in microseconds, then "APPLIED", "FAILED" or "LOCKED <message>".
 */
public final class SlowApplyMain {
    private SlowApplyMain() {
    }

    public static void main(String[] args) {
        var env = new EnvironmentLoader(RenderOptions.defaults(), List.of(), Progress.NONE)
                .load(new SourceSpec(args[0], args[1], args[2]));
        RecordingTarget target = new RecordingTarget(new DirectoryTarget(Path.of(args[3])), SlowApplyMain::say,
                Long.parseLong(args[6]));
        ApplyOptions options = ApplyOptions.defaults(args[4]).withParallelism(1)
                .withLease(Duration.ofMillis(Long.parseLong(args[5])))
                .withLockWait(Duration.ofMillis(Long.parseLong(args[7])));
        try {
            ApplyResult result = new Applier(target, Progress.NONE, Clock.systemUTC()).planAndApply(env, true, options);
            say(result.succeeded() ? "APPLIED" : "FAILED");
        } catch (TargetLockedException e) {
            say("LOCKED " + e.getMessage());
        }
    }

    private static synchronized void say(String line) {
        java.time.Instant now = java.time.Instant.now();
        System.out.println((now.getEpochSecond() * 1_000_000 + now.getNano() / 1000) + " " + line);
        System.out.flush();
    }
}
