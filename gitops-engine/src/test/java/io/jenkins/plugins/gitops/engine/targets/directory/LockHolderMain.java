package io.jenkins.plugins.gitops.engine.targets.directory;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for the lock tests. {@code record <root> <holder>} takes the target lock;
 * {@code guard <root>} holds only the OS lock on the guard file. Either prints "HELD", then keeps
 * it until a line arrives on stdin.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[1]);
        if (args[0].equals("record")) {
            try (TargetLock lock = new DirectoryTarget(root).lock(args[2], Duration.ofMinutes(10))) {
                holdUntilTold();
            }
        } else {
            Path guard = root.resolve(".gitops/lock.guard");
            Files.createDirectories(guard.getParent());
            try (FileChannel channel = FileChannel.open(guard, CREATE, WRITE); FileLock held = channel.lock()) {
                holdUntilTold();
            }
        }
    }

    private static void holdUntilTold() throws IOException {
        System.out.println("HELD");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
