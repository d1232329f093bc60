package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepTarget;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * A Kubernetes cluster: {@code kubernetes(credentialsId: 'prod-kubeconfig', context: 'prod', namespace: 'shop')}.
 * The kubeconfig comes from a secret file or secret text credential, never from a step parameter, and exists
 * on the agent only while the step runs.
 */
public final class KubernetesGitopsTarget extends GitopsTarget {
    private static final long serialVersionUID = 1L;

    private final String credentialsId;
    private String context;
    private String namespace;
    private boolean forceConflicts;
    private boolean replaceImmutable;

    @DataBoundConstructor
    public KubernetesGitopsTarget(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = Util.fixEmptyAndTrim(context);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public boolean isForceConflicts() {
        return forceConflicts;
    }

    /** Take over fields another field manager set, instead of failing (server-side apply's force). */
    @DataBoundSetter
    public void setForceConflicts(boolean forceConflicts) {
        this.forceConflicts = forceConflicts;
    }

    public boolean isReplaceImmutable() {
        return replaceImmutable;
    }

    /** Delete and re-create an object whose change touches an immutable field (it is absent for a moment). */
    @DataBoundSetter
    public void setReplaceImmutable(boolean replaceImmutable) {
        this.replaceImmutable = replaceImmutable;
    }

    @Override
    StepTarget prepare(Run<?, ?> run, FilePath workspace, FilePath callTmp, TaskListener listener)
            throws IOException, InterruptedException {
        if (credentialsId == null) {
            throw new AbortException("kubernetes(...) needs credentialsId: the id of a secret file or secret text"
                    + " credential holding a kubeconfig");
        }
        StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("kubernetes target: no credential '" + credentialsId + "' is visible to this build;"
                    + " add a secret file or secret text credential with that id (a kubeconfig)");
        }
        FilePath kubeconfig = callTmp.child("kubeconfig");
        if (credentials instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                kubeconfig.copyFrom(in);
            }
        } else if (credentials instanceof StringCredentials text) {
            kubeconfig.write(text.getSecret().getPlainText(), StandardCharsets.UTF_8.name());
        } else {
            throw new AbortException("kubernetes target: credential '" + credentialsId + "' is a "
                    + credentials.getClass().getSimpleName() + "; use a secret file or secret text holding a kubeconfig");
        }
        kubeconfig.chmod(0600);
        return new StepTarget.Kubernetes(kubeconfig.getRemote(), context, namespace, forceConflicts, replaceImmutable);
    }

    @Extension
    @Symbol("kubernetes")
    public static final class DescriptorImpl extends Descriptor<GitopsTarget> {
        @Override
        public String getDisplayName() {
            return "Kubernetes";
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.of(item, credentialsId, FileCredentials.class, StringCredentials.class);
        }
    }
}
