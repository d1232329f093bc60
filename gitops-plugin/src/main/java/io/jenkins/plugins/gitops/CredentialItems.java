package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.util.ListBoxModel;

/** The credentials drop-down of a form. */
final class CredentialItems {
    private CredentialItems() {
    }

    /**
     * The credentials of these types visible to {@code item}, plus the one already chosen. Listing reveals the
     * credentials' names: only to those who may configure the job ({@link FormAccess}).
     */
    @SafeVarargs
    static ListBoxModel of(Item item, String current, Class<? extends StandardCredentials>... types) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (item == null || !FormAccess.mayConfigure(item)) {
            model.includeCurrentValue(current);
            return model;
        }
        model.includeEmptyValue();
        for (Class<? extends StandardCredentials> type : types) {
            model.include(item, type);
        }
        model.includeCurrentValue(current);
        return model;
    }
}
