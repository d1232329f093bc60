package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.SecretMask;
import java.util.Collection;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * The pattern that masks the values of {@code credentialVars}, built on the controller as {@code withCredentials}
 * builds it (every credentials-binding pattern factory adds the encoded forms it knows). It crosses to the agent
 * in the step request, which lives only as long as the call and is never saved.
 */
final class Masker {
    private Masker() {
    }

    static SecretMask of(Collection<String> secrets) {
        return secrets.stream().allMatch(String::isEmpty) ? SecretMask.NONE
                : new SecretMask(SecretPatterns.getAggregateSecretPattern(secrets).pattern());
    }
}
