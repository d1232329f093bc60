package io.jenkins.plugins.gitops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.plugins.git.GitException;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.gitops.steps.SecretMask;
import io.jenkins.plugins.gitops.steps.StepRequest;
import io.jenkins.plugins.gitops.steps.StepResponse;
import java.io.IOException;
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
        String kind = step.operation().name().toLowerCase(Locale.ROOT);
        SecretMask mask = SecretMask.NONE;
        FilePath callTmp = null;
        StepResponse response;
        FilePath page;
        try {
            FilePath workspace = context.get(FilePath.class);
            Map<String, String> secrets = CredentialVariables.resolve(run, step.getCredentialVars(),
                    step.getVars().keySet());
            mask = Masker.of(secrets.values());
            if (!secrets.isEmpty()) {
                listener.getLogger().println(Messages.Log_Masking(String.join(", ", secrets.keySet())));
            }
            callTmp = callTempDir(workspace);
            page = callTmp.child("page.json");
            StepRequest request = request(run, workspace, callTmp, listener, context.get(EnvVars.class))
                    .secretVars(secrets).secretPattern(mask.regex()).logDiffs(step.isLogDiffs())
                    .allowEmpty(step.isAllowEmpty()).pageFile(page.getRemote()).build();
            response = workspace.act(new EngineCallable(request, listener));
        } catch (Exception e) {
            // Whatever failed (bad input, a missing credential, the agent, the channel), the build page and the
            // check say so, not only the log.
            String message = mask.apply(e instanceof AbortException ? e.getMessage() : e.toString());
            try {
                recordFailure(run, listener, kind, step.label(), message, callTmp);
            } catch (Exception recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
        try {
            return finish(run, listener, kind, response, page);
        } finally {
            callTmp.deleteRecursive();
        }
    }

    /** Records the page and the check of a call the agent answered, and fails the step if the answer says so. */
    private Map<String, Object> finish(Run<?, ?> run, TaskListener listener, String kind, StepResponse response,
            FilePath page) throws IOException, InterruptedException {
        String label = response.label() != null ? response.label() : step.label();
        GitopsPlanAction action = GitopsPlanAction.record(run, kind, label, response, response.planSaved() ? page : null);
        GitopsChecks.publish(run, listener, kind, label, response, action);
        if (response.planSaved() && step.operation() != StepRequest.Operation.APPLY && !step.isLogDiffs()
                && response.result().hasChanges()) {
            listener.getLogger().println(Messages.Log_DiffsOnPage(action.getDisplayName()));
        }
        if (response.error() != null) {
            throw new AbortException(Messages.Step_Failed(stepName(kind), label, response.error()));
        }
        if (!response.success()) {
            throw new AbortException(Messages.Step_Unsuccessful(stepName(kind), label, response.checkTitle(),
                    action.getDisplayName()));
        }
        return response.result().toMap();
    }

    private static void recordFailure(Run<?, ?> run, TaskListener listener, String kind, String label, String message,
            FilePath callTmp) throws IOException, InterruptedException {
        try {
            StepResponse failed = StepResponse.failed(message, label);
            GitopsChecks.publish(run, listener, kind, label, failed, GitopsPlanAction.record(run, kind, label, failed, null));
        } finally {
            if (callTmp != null) {
                callTmp.deleteRecursive();
            }
        }
    }

    /** The request from the step's parameters, the source resolved and the target prepared; secrets are added after. */
    private StepRequest.Builder request(Run<?, ?> run, FilePath workspace, FilePath callTmp, TaskListener listener,
            EnvVars env) throws Exception {
        if (step.getTarget() == null) {
            throw new AbortException(Messages.Step_TargetRequired());
        }
        StepRequest.Builder request = StepRequest.builder(step.operation()).vars(step.getVars())
                .ignore(step.getIgnore()).name(step.getName()).path(step.getPath()).diffMode(step.diffMode())
                .tools(env); // helm and kubectl as withEnv or a tool installer set them, not as the agent's JVM has them
        for (String file : step.getVarFiles()) {
            request.varFile(workspace.child(file).getRemote());
        }
        if (step.getSource() != null) {
            if (step.getRef() != null) {
                throw new AbortException(Messages.Step_RefInsideSource());
            }
            FilePath clone = callTmp.child("config");
            request.repository(clone.getRemote())
                    .defaultCommit(step.getSource().cloneAndResolve(run, clone, listener, env));
        } else {
            request.repository(workspace.getRemote()).ref(step.getRef())
                    .defaultCommit(headOf(workspace, listener, env));
        }
        step.configure(request, workspace);
        // Said before the target is prepared (credentials, kubeconfig), which may fail: what was resolved so far.
        listener.getLogger().println(startLine(request.build()));
        request.target(step.getTarget().prepare(run, workspace, callTmp, listener)).user(user(run));
        String root = Jenkins.get().getRootUrl();
        return request.buildUrl(root == null ? null : root + run.getUrl());
    }

    /** What the call is about to do; a saved plan brings its own commit and path, so name its file. */
    private String startLine(StepRequest request) {
        if (request.planFile() != null && step.operation() == StepRequest.Operation.APPLY) {
            String label = step.explicitLabel();
            return label == null ? Messages.Log_StartSavedPlan(request.planFileLabel())
                    : Messages.Log_StartNamedSavedPlan(label, request.planFileLabel());
        }
        return Messages.Log_Start(step.operation().name().toLowerCase(Locale.ROOT), step.label(),
                request.ref() != null ? request.ref() : request.defaultCommit());
    }

    /** The commit of the workspace's checkout, as git-client reads it (the default source). */
    private static String headOf(FilePath workspace, TaskListener listener, EnvVars env) throws Exception {
        GitClient git = Git.with(listener, env).in(workspace).using("jgit").getClient();
        try {
            return git.revParse("HEAD").name();
        } catch (GitException e) {
            throw new AbortException(Messages.Step_NotACheckout(workspace.getRemote()));
        }
    }

    /** A directory for this call only, beside the workspace so that archiving the workspace never picks it up. */
    private static FilePath callTempDir(FilePath workspace) throws Exception {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        if (tmp == null) {
            throw new AbortException(Messages.Step_NoTempDir(workspace.getRemote()));
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

    /** {@code gitopsPlan}, {@code gitopsApply} or {@code gitopsVerify}, as the Pipeline script calls it. */
    private static String stepName(String kind) {
        return "gitops" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
