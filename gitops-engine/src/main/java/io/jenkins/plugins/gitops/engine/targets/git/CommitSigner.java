package io.jenkins.plugins.gitops.engine.targets.git;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;

/** Signs apply commits, or not. */
@FunctionalInterface
interface CommitSigner {
    CommitSigner NONE = (repository, commit, committer) -> {
    };

    void sign(Repository repository, CommitBuilder commit, PersonIdent committer) throws IOException;

    /**
     * Signs with the key Git's own configuration names ({@code gpg.format}, {@code user.signingKey} in the
     * user's or the system's git config), through the signer JGit finds for that format on the class path. JGit
     * ships its signers as separate artifacts (OpenPGP in {@code org.eclipse.jgit.gpg.bc}, SSH in
     * {@code org.eclipse.jgit.ssh.apache}); a format without one is refused before anything is pushed.
     */
    static CommitSigner configured() {
        return (repository, commit, committer) -> {
            GpgConfig config = new GpgConfig(repository.getConfig());
            Signer signer = Signers.get(config.getKeyFormat());
            if (signer == null) {
                throw new TargetException("cannot sign the commit: this gitops has no signer for the '"
                        + config.getKeyFormat().toConfigValue() + "' format (gpg.format) on its class path;"
                        + " apply without signing, or add JGit's signer for that format");
            }
            try {
                if (!signer.canLocateSigningKey(repository, config, committer, config.getSigningKey(), null)) {
                    throw new TargetException("cannot sign the commit: no signing key found (user.signingKey is '"
                            + config.getSigningKey() + "'); configure one in git config, or apply without signing");
                }
                signer.signObject(repository, config, commit, committer, config.getSigningKey(), null);
            } catch (CanceledException | UnsupportedSigningFormatException e) {
                throw new TargetException("cannot sign the commit: " + e.getMessage(), e);
            }
        };
    }
}
