package io.jenkins.plugins.gitops.engine.targets.git;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The environment branch is no longer at the head a plan or an apply was built on: another apply or a hand
 * commit landed first. Nothing was written.
 */
public class BranchMovedException extends TargetException {
    private static final long serialVersionUID = 1L;

    private BranchMovedException(String message) {
        super(message);
    }

    static BranchMovedException sincePlan(GitBranchSpec spec, String planned, RevCommit now) {
        return new BranchMovedException("the plan is stale: branch " + spec.branch() + " of " + spec.shownRepository()
                + " moved since the plan was made (the plan read " + describe(planned) + ", the branch is now "
                + (now == null ? "gone" : "at " + now.name() + ", \"" + now.getShortMessage() + "\" by "
                        + now.getAuthorIdent().getName())
                + "). Nothing was written; make a new plan and review it");
    }

    static BranchMovedException atPush(GitBranchSpec spec, RevCommit base, String reason) {
        return new BranchMovedException("the plan is stale: the push to branch " + spec.branch() + " of "
                + spec.shownRepository() + " was refused (" + reason + "): another apply or a commit by hand"
                + " changed the branch after it was read at " + describe(base == null ? null : base.name())
                + ". Nothing was written; make a new plan, review it and apply again");
    }

    private static String describe(String commit) {
        return commit == null ? "no branch yet" : commit;
    }
}
