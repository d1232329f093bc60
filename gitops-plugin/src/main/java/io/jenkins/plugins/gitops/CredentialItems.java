package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;

/** The credentials drop-down of a form. */
final class CredentialItems {
    private CredentialItems() {
    }

    /**
     * The credentials of these types visible to {@code item} (outside any job, as in the global Snippet Generator:
     * those of Jenkins itself), plus the one already chosen. Listing reveals the credentials' names: only to those
     * {@link FormAccess} lets use the form.
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
                model.include(Jenkins.get(), type);
            } else {
                model.include(item, type);
            }
        }
        model.includeCurrentValue(current);
        return model;
    }
}
