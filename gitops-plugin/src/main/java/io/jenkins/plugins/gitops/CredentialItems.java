package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;

/** The credentials drop-down of a form. */
final class CredentialItems {
    /** What a build can use: SYSTEM-scoped credentials are for Jenkins itself, never for a job. */
    private static final CredentialsMatcher FOR_BUILDS = CredentialsMatchers.not(
            CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private CredentialItems() {
    }

    /**
     * The credentials of these types the build would find (as the job runs: its queue authentication), outside any
     * job (the global Snippet Generator) those of Jenkins itself, plus the one already chosen. Listed as the user who
     * opens the form, the global store would show nothing: it answers only {@link ACL#SYSTEM2} (credentials'
     * consumer guide). Listing reveals the credentials' names: only to those {@link FormAccess} lets use the form.
     */
    @SafeVarargs
    static ListBoxModel of(@CheckForNull Item item, String current, Class<? extends StandardCredentials>... types) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!FormAccess.mayConfigure(item)) {
            model.includeCurrentValue(current);
            return model;
        }
        model.includeEmptyValue();
        for (Class<? extends StandardCredentials> type : types) {
            if (item == null) {
                model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), FOR_BUILDS);
            } else {
                model.includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item, type, List.of(), FOR_BUILDS);
            }
        }
        model.includeCurrentValue(current);
        return model;
    }
}
