package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import jenkins.model.Jenkins;

/**
 * Who may use the form helpers ({@code doFill*}, {@code doCheck*}): those who may configure the job, or outside
 * any job (the global Snippet Generator) administrators. Others get an empty list or no verdict, so the forms
 * reveal no credential names and probe nothing on their behalf.
 */
final class FormAccess {
    private FormAccess() {
    }

    static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
