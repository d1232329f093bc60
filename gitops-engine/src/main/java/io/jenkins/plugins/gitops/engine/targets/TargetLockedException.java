package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.Remedy;
/** The target is locked by another run whose lease is still valid. */
public class TargetLockedException extends TargetException {
    private static final long serialVersionUID = 1L;
    private final transient LockRecord heldBy;

    public TargetLockedException(String target, LockRecord heldBy) {
        super("target " + target + " is locked by " + heldBy.holder() + " since " + heldBy.acquiredAt()
                + " (lease until " + heldBy.expiresAt() + ")", Remedy.of(Remedy.Kind.LOCK_WAIT, "PT2M"));
        this.heldBy = heldBy;
    }

    public LockRecord heldBy() {
        return heldBy;
    }
}
