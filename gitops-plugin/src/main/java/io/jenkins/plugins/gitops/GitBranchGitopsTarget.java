package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.targets.git.GitAuthor;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.steps.StepTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An environment branch an in-cluster agent pulls:
 * {@code gitBranch(url: 'https://git.example.com/deploy.git', branch: 'env/prod', folder: 'manifests', credentialsId: 'deploy-bot',
 * author: 'Deploy Bot <deploy@example.com>')}.
 * The password or token comes from a username/password credential and exists on the agent only while the step runs.
 */
public final class GitBranchGitopsTarget extends GitopsTarget {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String branch;
    private String folder;
    private String credentialsId;
    private String author;

    @DataBoundConstructor
    public GitBranchGitopsTarget(String url, String branch) {
        this.url = Util.fixNull(url).trim();
        this.branch = Util.fixNull(branch).trim();
    }

    public String getUrl() {
        return url;
    }

    public String getBranch() {
        return branch;
    }

    public String getFolder() {
        return folder;
    }

    @DataBoundSetter
    public void setFolder(String folder) {
        this.folder = Util.fixEmptyAndTrim(folder);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getAuthor() {
        return author;
    }

    /** The apply commit's author, {@code Name <email>}; by default the build's user with the committer's address. */
    @DataBoundSetter
    public void setAuthor(String author) {
        this.author = Util.fixEmptyAndTrim(author);
    }

    @Override
    StepTarget prepare(Run<?, ?> run, FilePath workspace, FilePath callTmp, TaskListener listener)
            throws IOException, InterruptedException {
        if (url.isEmpty() || branch.isEmpty()) {
            throw new AbortException("gitBranch(...) needs url: (the repository the agent pulls) and branch:"
                    + " (the environment branch, e.g. 'env/staging')");
        }
        if (author != null) {
            try {
                GitAuthor.parse(author);
            } catch (GitopsException e) {
                throw new AbortException("gitBranch target: author: " + e.getMessage());
            }
        }
        if (credentialsId == null) {
            return new StepTarget.GitBranch(url, branch, folder, null, null, author);
        }
        StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("gitBranch target: no username/password credential '" + credentialsId
                    + "' is visible to this build; add one with that id (a user and a password or access token)");
        }
        FilePath password = callTmp.child("git-password");
        password.write(credentials.getPassword().getPlainText(), StandardCharsets.UTF_8.name());
        password.chmod(0600);
        return new StepTarget.GitBranch(url, branch, folder, credentials.getUsername(), password.getRemote(), author);
    }

    @Extension
    @Symbol("gitBranch")
    public static final class DescriptorImpl extends Descriptor<GitopsTarget> {
        @Override
        public String getDisplayName() {
            return "Git environment branch";
        }

        @POST
        public FormValidation doCheckBranch(@AncestorInPath Item item, @QueryParameter String value) {
            String branch = Util.fixEmptyAndTrim(value);
            if (!FormAccess.mayConfigure(item) || (branch != null && GitBranchSpec.isValidBranch(branch))) {
                return FormValidation.ok();
            }
            if (branch == null) {
                return FormValidation.error("Give the environment branch, e.g. env/staging");
            }
            return FormValidation.error("'" + branch + "' is not a valid Git branch name (no spaces, '..', '~', '^', ':',"
                    + " '?', '*', '[' or '\\'); give one like env/staging");
        }

        @POST
        public FormValidation doCheckAuthor(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.mayConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                GitAuthor.parse(value);
                return FormValidation.ok();
            } catch (GitopsException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.of(item, credentialsId, StandardUsernamePasswordCredentials.class);
        }
    }
}
