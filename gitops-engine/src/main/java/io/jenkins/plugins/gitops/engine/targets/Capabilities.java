package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;

/**
 * What a target does beyond storing objects.
 *
 * @param diffScope      how live objects compare to desired ones: a target that fills in defaults (an API
 *                       server) compares only the fields the manifest sets; one that stores exactly what it was
 *                       given compares whole objects
 * @param observesHealth whether controllers write status into the target's objects, so that health (rolled
 *                       out, bound, ready) can be judged from them; a directory or a Git branch holds no status
 * @param acceptsSecretsFromVariables whether the target may store a Secret whose values came from variables (a
 *                       Pipeline's credentials) rather than from the repository as it is. A target that publishes
 *                       what it stores (a Git branch, which every clone keeps for ever) refuses them, so that
 *                       applying never puts a credential into Git
 * @param stagesWrites   whether the store holds an apply's writes and deletes until the inventory is written, and
 *                       then lands them all with it as one change (a Git branch: one commit). Nothing of such an
 *                       apply is visible before that, so the engine writes no inventory ahead of a wave; and it
 *                       writes none after a failed apply, so a failed apply lands nothing at all
 */
public record Capabilities(DiffScope diffScope, boolean observesHealth, boolean acceptsSecretsFromVariables,
        boolean stagesWrites) {
    /** A store that keeps exactly what it was given, each write at once, and nothing else: a directory. */
    public static final Capabilities PLAIN_STORE = new Capabilities(DiffScope.WHOLE_OBJECT, false, true, false);
}
