package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** {@code credentialVars}: variable name to secret text credential id, resolved on the controller when the step runs. */
final class CredentialVariables {
    private CredentialVariables() {
    }

    /**
     * The values by variable name. Each use is recorded against the credential ({@link CredentialsProvider#track}),
     * as a credential binding would be.
     */
    static Map<String, String> resolve(Run<?, ?> run, Map<String, String> ids, Set<String> plainVars)
            throws AbortException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            if (plainVars.contains(e.getKey())) {
                throw new AbortException(Messages.CredentialVars_Twice(e.getKey()));
            }
            StringCredentials credentials = CredentialsProvider.findCredentialById(e.getValue(), StringCredentials.class,
                    run);
            if (credentials == null) {
                throw new AbortException(Messages.CredentialVars_NotFound(e.getKey(), e.getValue()));
            }
            CredentialsProvider.track(run, credentials);
            values.put(e.getKey(), credentials.getSecret().getPlainText());
        }
        return values;
    }
}
