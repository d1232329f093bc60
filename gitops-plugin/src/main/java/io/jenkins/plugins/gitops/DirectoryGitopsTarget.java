package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepTarget;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/** A directory on the agent holding one YAML file per resource: {@code directory(path: 'deploy/out')}. */
public final class DirectoryGitopsTarget extends GitopsTarget {
    private static final long serialVersionUID = 1L;

    private final String path;

    @DataBoundConstructor
    public DirectoryGitopsTarget(String path) {
        this.path = Util.fixNull(path).trim();
    }

    public String getPath() {
        return path;
    }

    @Override
    StepTarget prepare(Run<?, ?> run, FilePath workspace, FilePath callTmp, TaskListener listener) {
        // child() keeps an absolute path as is and resolves a relative one against the workspace.
        return new StepTarget.Directory(workspace.child(path).getRemote());
    }

    @Extension
    @Symbol("directory")
    public static final class DescriptorImpl extends Descriptor<GitopsTarget> {
        @Override
        public String getDisplayName() {
            return "Directory";
        }

        public FormValidation doCheckPath(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.error("Give the directory, relative to the workspace")
                    : FormValidation.ok();
        }
    }
}
