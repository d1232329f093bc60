package io.jenkins.plugins.gitops.engine.targets;

/** The target is locked by another run whose lease is still valid. */
public class TargetLockedException extends TargetException {
    private static final long serialVersionUID = 1L;
    private final transient LockRecord heldBy;

    public TargetLockedException(String target, LockRecord heldBy) {
        super("target " + target + " is locked by " + heldBy.holder() + " since " + heldBy.acquiredAt()
                + " (lease until " + heldBy.expiresAt() + "); wait for that run to finish, or retry with --lock-wait");
        this.heldBy = heldBy;
    }

    public LockRecord heldBy() {
        return heldBy;
    }
}
