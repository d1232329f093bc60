package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;

/**
 * What a target does beyond storing objects.
 *
 * @param diffScope      how live objects compare to desired ones: a target that fills in defaults (an API
 *                       server) compares only the fields the manifest sets; one that stores exactly what it was
 *                       given compares whole objects
 * @param observesHealth whether controllers write status into the target's objects, so that health (rolled
 *                       out, bound, ready) can be judged from them; a directory holds no status
 */
public record Capabilities(DiffScope diffScope, boolean observesHealth) {
    /** A store that keeps exactly what it was given and nothing else: a directory. */
    public static final Capabilities PLAIN_STORE = new Capabilities(DiffScope.WHOLE_OBJECT, false);
}
