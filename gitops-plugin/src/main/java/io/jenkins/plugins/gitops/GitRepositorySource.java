package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.plugins.git.GitException;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.gitclient.Git;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A configuration repository other than the build's checkout:
 * {@code source: gitRepository(url: 'https://git.example.com/config.git', credentialsId: 'git', ref: 'main')}.
 * Its symbol is not {@code git}: the Git plugin's {@code git} step would take that call.
 */
public final class GitRepositorySource extends AbstractDescribableImpl<GitRepositorySource> implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String DEFAULT_REF = "main";

    private final String url;
    private String credentialsId;
    private String ref = DEFAULT_REF;

    @DataBoundConstructor
    public GitRepositorySource(String url) {
        this.url = Util.fixNull(url).trim();
    }

    public String getUrl() {
        return url;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getRef() {
        return ref;
    }

    /** A branch, tag or commit; a branch is read as the remote has it. */
    @DataBoundSetter
    public void setRef(String ref) {
        String r = Util.fixEmptyAndTrim(ref);
        this.ref = r == null ? DEFAULT_REF : r;
    }

    /** Clones into {@code dir} on the agent with git-client (no working tree is needed) and resolves the ref. */
    String cloneAndResolve(Run<?, ?> run, FilePath dir, TaskListener listener, EnvVars env)
            throws IOException, InterruptedException {
        if (url.isEmpty()) {
            throw new AbortException(Messages.GitRepositorySource_UrlRequired());
        }
        GitClient git = Git.with(listener, env).in(dir).using("jgit").getClient();
        if (credentialsId != null) {
            StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                    StandardCredentials.class, run);
            if (credentials == null) {
                throw new AbortException(Messages.GitRepositorySource_NoCredential(credentialsId));
            }
            CredentialsProvider.track(run, credentials);
            git.addDefaultCredentials(credentials);
        }
        try {
            git.clone_().url(url).repositoryName("origin").execute();
        } catch (GitException e) {
            throw new AbortException(Messages.GitRepositorySource_CannotClone(url, e.getMessage()));
        }
        for (String candidate : new String[] {"origin/" + ref, ref}) {
            try {
                return git.revParse(candidate).name();
            } catch (GitException e) {
                // not a branch: try it as a tag or commit
            }
        }
        throw new AbortException(Messages.GitRepositorySource_NoRef(url, ref));
    }

    @Extension
    @Symbol("gitRepository")
    public static final class DescriptorImpl extends Descriptor<GitRepositorySource> {
        @Override
        public String getDisplayName() {
            return Messages.GitRepositorySource_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.of(item, credentialsId, StandardCredentials.class);
        }
    }
}
