package io.jenkins.plugins.gitops.engine.adversarial;

import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import java.nio.file.Path;
import java.util.List;

/** A render that is killed mid-way: checks out a path, prints where, and waits to be killed with SIGKILL. */
public final class CheckoutHolderMain {
    private CheckoutHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        SourceSnapshot snapshot = GitSource.open(new SourceSpec(args[0], null, args[1]));
        Path checkout = snapshot.checkout(List.of(args[1]));
        System.out.println(checkout);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
