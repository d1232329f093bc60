package io.jenkins.plugins.gitops.engine.targets.directory;

/**
 * Keeps a run that lost the target's lock from replacing files: every write is tagged with the lock generation
 * it is made under, and checks the generation is still the lock's right before the rename that makes it
 * visible (a run paused for longer than its lease finds another generation there and stops).
 */
interface Fence {
    /** Names the writer's generation in its temp files, so two generations never share one. */
    String tag();

    /** @throws io.jenkins.plugins.gitops.engine.targets.TargetException when the lock is no longer this generation's */
    void check();

    /** For the writes the lock record itself makes, under the lock's guard, and for a target used without a lock. */
    Fence NONE = new Fence() {
        @Override
        public String tag() {
            return "unlocked";
        }

        @Override
        public void check() {
        }
    };
}
