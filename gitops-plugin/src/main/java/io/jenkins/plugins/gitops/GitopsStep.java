package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.steps.StepLabel;
import io.jenkins.plugins.gitops.steps.StepRequest;
import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code gitopsPlan}, {@code gitopsApply} and {@code gitopsVerify} share: the source, its rendering and
 * the target, as the command line's {@code --repo/--ref/--path/--var/--var-file/--ignore/--target}.
 */
public abstract class GitopsStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String path = "";
    private String ref;
    private Map<String, String> vars = new LinkedHashMap<>();
    private Map<String, String> credentialVars = new LinkedHashMap<>();
    private List<String> varFiles = new ArrayList<>();
    private List<String> ignore = new ArrayList<>();
    private GitopsTarget target;
    private GitRepositorySource source;
    private String name;
    private String diff = DiffMode.DEFAULT_NAME;
    private boolean logDiffs;
    private boolean allowEmpty;

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = Util.fixNull(path).trim();
    }

    public String getRef() {
        return ref;
    }

    @DataBoundSetter
    public void setRef(String ref) {
        this.ref = Util.fixEmptyAndTrim(ref);
    }

    public Map<String, String> getVars() {
        return vars;
    }

    /**
     * Values for {@code ${KEY}} in manifests. For non-secret values only: step arguments are stored with the
     * build and shown in its Pipeline steps view; secrets go through {@link #setCredentialVars} or
     * {@code withCredentials}.
     */
    @DataBoundSetter
    public void setVars(Map<String, String> vars) {
        this.vars = vars == null ? new LinkedHashMap<>() : new LinkedHashMap<>(vars);
    }

    public Map<String, String> getCredentialVars() {
        return credentialVars;
    }

    /**
     * {@code ${KEY}} values taken from secret text credentials, by id: {@code credentialVars: [DB_PASSWORD: 'db-pass']}.
     * Only the ids are step arguments; the values are read when the step runs and masked in the log.
     */
    @DataBoundSetter
    public void setCredentialVars(Map<String, String> credentialVars) {
        this.credentialVars = credentialVars == null ? new LinkedHashMap<>() : new LinkedHashMap<>(credentialVars);
    }

    public List<String> getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(List<String> varFiles) {
        this.varFiles = varFiles == null ? new ArrayList<>() : new ArrayList<>(varFiles);
    }

    public List<String> getIgnore() {
        return ignore;
    }

    @DataBoundSetter
    public void setIgnore(List<String> ignore) {
        this.ignore = ignore == null ? new ArrayList<>() : new ArrayList<>(ignore);
    }

    public GitopsTarget getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(GitopsTarget target) {
        this.target = target;
    }

    public GitRepositorySource getSource() {
        return source;
    }

    /** A separate configuration repository; by default the workspace's checkout. */
    @DataBoundSetter
    public void setSource(GitRepositorySource source) {
        this.source = source;
    }

    public String getName() {
        return name;
    }

    /** Names the build action and the check; defaults to the path. */
    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getDiff() {
        return diff;
    }

    /** {@code client} or {@code server}: how a Kubernetes target compares live and desired objects. */
    @DataBoundSetter
    public void setDiff(String diff) {
        String d = Util.fixEmptyAndTrim(diff);
        this.diff = d == null ? DiffMode.DEFAULT_NAME : d;
    }

    public boolean isLogDiffs() {
        return logDiffs;
    }

    /** Prints every resource's full diff in the build log too; by default the log has one line per change. */
    @DataBoundSetter
    public void setLogDiffs(boolean logDiffs) {
        this.logDiffs = logDiffs;
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    /**
     * Lets a plan or apply whose desired state holds no resource delete what the target holds; without it the
     * step refuses, because an empty render is far more often a mistake (a wrong path, a failed generator)
     * than an intent.
     */
    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }

    /** The diff mode, checked when the step runs so a typo fails the build with the choices. */
    DiffMode diffMode() throws AbortException {
        try {
            return DiffMode.parse(diff);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.GitopsStep_Diff(diff));
        }
    }

    /**
     * The label of this call's page and check before the agent has read a plan: the name, else the environment path,
     * else {@link #fallbackLabel()}. Once the agent answered, its {@link io.jenkins.plugins.gitops.steps.StepResponse#label()} names the call, from the
     * plan's name or path where the step gave neither ({@link StepLabel}).
     */
    String label() {
        return StepLabel.of(name, null, path, null, fallbackLabel());
    }

    /** The name, else the environment path, else null. */
    @CheckForNull
    String explicitLabel() {
        return name != null ? name : path.isEmpty() ? null : path;
    }

    /** The label when neither a name, a path nor the plan names the environment: its root. */
    String fallbackLabel() {
        return ".";
    }

    /** Fills in the parts of the request only this step knows (plan file, prune, wait, ...). */
    abstract void configure(StepRequest.Builder request, FilePath workspace) throws AbortException;

    abstract StepRequest.Operation operation();

    @Override
    public StepExecution start(StepContext context) {
        return new GitopsExecution(this, context);
    }

    static Duration duration(String field, String value) throws AbortException {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new AbortException(Messages.GitopsStep_Duration(field, value));
        }
    }

    /**
     * The context every GitOps step needs: it reads the workspace and writes to the build. Its getters give the forms
     * the defaults the command line has ({@code default="${descriptor.defaultTimeout}"}: {@code descriptor} is defined
     * in a view even where {@code instance} is null), from the engine's one constant for each.
     */
    abstract static class GitopsStepDescriptor extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }

        public String getDefaultDiff() {
            return DiffMode.DEFAULT_NAME;
        }

        public String getDefaultTimeout() {
            return Wait.DEFAULT_TIMEOUT;
        }

        public String getDefaultLockWait() {
            return ApplyOptions.DEFAULT_LOCK_WAIT;
        }

        public int getDefaultParallelism() {
            return ApplyOptions.DEFAULT_PARALLELISM;
        }

        @POST
        public ListBoxModel doFillDiffItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (!FormAccess.mayConfigure(item)) {
                return items;
            }
            for (DiffMode mode : DiffMode.values()) {
                items.add(mode.name().toLowerCase(Locale.ROOT));
            }
            return items;
        }
    }
}
