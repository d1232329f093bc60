package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepRequest;
import io.jenkins.plugins.gitops.steps.StepResponse;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.plugins.git.GitException;
import hudson.slaves.WorkspaceList;
import java.util.Locale;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.gitclient.Git;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * One step call: resolve the source and target on the controller (git-client and credentials live here),
 * run the engine on the agent, then record the build page and the check, and fail the step if the result
 * says so (invalid input, failed apply, drift, unhealthy).
 */
final class GitopsExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final GitopsStep step;

    GitopsExecution(GitopsStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        EnvVars env = context.get(EnvVars.class);
        String kind = step.operation().name().toLowerCase(Locale.ROOT);
        String label = step.displayName();

        FilePath callTmp = callTempDir(workspace);
        StepResponse response;
        try {
            response = workspace.act(new EngineCallable(request(run, workspace, callTmp, listener, env), listener));
        } catch (AbortException e) {
            GitopsChecks.publish(run, listener, kind, label, StepResponse.failed(e.getMessage()), null);
            throw e;
        } finally {
            callTmp.deleteRecursive();
        }

        GitopsPlanAction action = response.planJson() == null ? null
                : GitopsPlanAction.record(run, kind, label, response);
        GitopsChecks.publish(run, listener, kind, label, response, action);
        if (response.error() != null) {
            throw new AbortException("gitops" + capitalized(kind) + " '" + label + "': " + response.error());
        }
        if (!response.success()) {
            throw new AbortException("gitops" + capitalized(kind) + " '" + label + "': " + response.checkTitle()
                    + (action == null ? "" : " (see " + action.getDisplayName() + " in this build)"));
        }
        return response.result();
    }

    private StepRequest request(Run<?, ?> run, FilePath workspace, FilePath callTmp, TaskListener listener,
            EnvVars env) throws Exception {
        if (step.getTarget() == null) {
            throw new AbortException("target: is required, e.g. target: directory(path: 'out') or"
                    + " target: kubernetes(credentialsId: 'kubeconfig')");
        }
        StepRequest request = new StepRequest(step.operation()).vars(step.getVars()).ignore(step.getIgnore());
        request.path = step.getPath();
        request.diffMode = step.diffMode().name();
        for (String file : step.getVarFiles()) {
            request.varFiles.add(workspace.child(file).getRemote());
        }
        if (step.getSource() != null) {
            if (step.getRef() != null) {
                throw new AbortException("give the ref inside gitRepository(ref: ...), not as the step's ref:");
            }
            FilePath clone = callTmp.child("config");
            request.repository = clone.getRemote();
            request.defaultCommit = step.getSource().cloneAndResolve(run, clone, listener, env);
        } else {
            request.repository = workspace.getRemote();
            request.ref = step.getRef();
            request.defaultCommit = headOf(workspace, listener, env);
        }
        listener.getLogger().println("[gitops] " + step.operation().name().toLowerCase(Locale.ROOT) + " '"
                + step.displayName() + "' at " + (request.ref != null ? request.ref : request.defaultCommit));
        request.target = step.getTarget().prepare(run, workspace, callTmp, listener);
        request.user = user(run);
        String root = Jenkins.get().getRootUrl();
        request.buildUrl = root == null ? null : root + run.getUrl();
        step.configure(request, workspace);
        return request;
    }

    /** The commit of the workspace's checkout, as git-client reads it (the default source). */
    private static String headOf(FilePath workspace, TaskListener listener, EnvVars env) throws Exception {
        GitClient git = Git.with(listener, env).in(workspace).using("jgit").getClient();
        try {
            return git.revParse("HEAD").name();
        } catch (GitException e) {
            throw new AbortException("the workspace " + workspace.getRemote() + " is not a Git checkout with a commit;"
                    + " run checkout scm first (or dir('...') into one), or give source: gitRepository(url: ...)");
        }
    }

    /** A directory for this call only, beside the workspace so that archiving the workspace never picks it up. */
    private static FilePath callTempDir(FilePath workspace) throws Exception {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        if (tmp == null) {
            throw new AbortException("the workspace " + workspace.getRemote() + " has no parent directory for temporary files");
        }
        tmp.mkdirs();
        FilePath dir = tmp.createTempDir("gitops", null);
        // createTempDir leaves the directory open to all (less the umask), and the kubeconfig is written before
        // its own chmod: close the directory first so no other account on the agent can read the file meanwhile.
        dir.chmod(0700);
        return dir;
    }

    private static String user(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause != null && cause.getUserId() != null ? cause.getUserId() : "jenkins";
    }

    private static String capitalized(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
