package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.api.Inputs;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the agent needs for one {@code gitopsPlan}, {@code gitopsApply} or {@code gitopsVerify} call, as
 * the controller resolved it from the step's parameters, made with a {@link Builder} where the parts are known:
 * strings, numbers, booleans, enums, durations and JDK collections only, because it crosses the remoting channel.
 *
 * @param repository repository directory on the agent
 * @param ref what the user asked for, or null: then the plan's commit (apply of a plan) or {@code defaultCommit}
 * @param defaultCommit the commit of the checkout (or of the cloned source) when no ref is given
 * @param name the step's {@code name:}, or null: recorded in a saved plan, so its apply is labelled alike
 * @param path the environment's path; null or blank: the root, or a saved plan's path
 * @param vars every variable, the secret ones ({@code secretVars}) included
 * @param varFiles absolute paths on the agent
 * @param planFile absolute path on the agent, or null
 * @param planFileLabel the plan file as the user wrote it, for the step's result
 * @param allowEmpty plan and apply: an empty desired state may delete what the target holds
 * @param logDiffs whether the build log gets every resource's full diff (else one line per change; the diffs are on
 *     the page)
 * @param pageFile where to write the plan for the build page (absolute path on the agent), or null: not kept
 * @param secretPattern matches the values of the secret variables ({@link SecretMask#regex()}); "" for none. The
 *     values travel with this request for this call only: it is never saved
 * @param secretVars the names, among {@code vars}, of the secret variables ({@code credentialVars}): the engine masks
 *     their values wherever it writes them, in the plan file in the workspace too
 * @param tools the build's values of the variables that find helm and kubectl (PATH, GITOPS_HELM,
 *     GITOPS_HELM_TIMEOUT; others are dropped): the agent's JVM does not see {@code withEnv} or a tool installer
 */
public record StepRequest(Operation operation, String repository, String ref, String defaultCommit, String name,
        String path, Map<String, String> vars, List<String> varFiles, List<String> ignore, StepTarget target,
        String planFile, String planFileLabel, boolean prune, boolean allowEmpty, int parallelism, Duration lockWait,
        boolean await, Duration timeout, boolean failOnDrift, DiffMode diffMode, String user, String buildUrl,
        boolean logDiffs, String pageFile, String secretPattern, List<String> secretVars, Map<String, String> tools)
        implements Serializable {

    public enum Operation { PLAN, APPLY, VERIFY }

    public StepRequest {
        Objects.requireNonNull(operation);
        // Unmodifiable JDK collections, which cross the channel; a LinkedHashMap keeps the variables' order.
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        varFiles = List.copyOf(varFiles);
        ignore = List.copyOf(ignore);
        secretVars = List.copyOf(secretVars);
        // Only what finds the tools crosses the channel: a build's environment holds credentials too.
        tools = Map.copyOf(Inputs.toolsOf(tools));
    }

    public static Builder builder(Operation operation) {
        return new Builder(operation);
    }

    /** Without the variables' values, some of which are secrets: a request may be printed by a failure. */
    @Override
    public String toString() {
        return "StepRequest[" + operation + " " + (path == null ? "" : path) + " vars=" + vars.keySet() + "]";
    }

    /**
     * Collects a request's parts where they are known (the step's parameters, the execution's workspace and
     * credentials); unset parts have the defaults the command line has ({@link ApplyOptions}, {@link Wait},
     * {@link DiffMode}).
     */
    public static final class Builder {
        private final Operation operation;
        private String repository;
        private String ref;
        private String defaultCommit;
        private String name;
        private String path;
        private final Map<String, String> vars = new LinkedHashMap<>();
        private final List<String> varFiles = new ArrayList<>();
        private final List<String> ignore = new ArrayList<>();
        private StepTarget target;
        private String planFile;
        private String planFileLabel;
        private boolean prune = true;
        private boolean allowEmpty;
        private int parallelism = ApplyOptions.DEFAULT_PARALLELISM;
        private Duration lockWait = Duration.parse(ApplyOptions.DEFAULT_LOCK_WAIT);
        private boolean await;
        private Duration timeout = Duration.parse(Wait.DEFAULT_TIMEOUT);
        private boolean failOnDrift = true;
        private DiffMode diffMode = DiffMode.DEFAULT;
        private String user;
        private String buildUrl;
        private boolean logDiffs;
        private String pageFile;
        private String secretPattern = "";
        private final List<String> secretVars = new ArrayList<>();
        private final Map<String, String> tools = new LinkedHashMap<>();

        private Builder(Operation operation) {
            this.operation = Objects.requireNonNull(operation);
        }

        public Builder repository(String value) {
            repository = value;
            return this;
        }

        public Builder ref(String value) {
            ref = value;
            return this;
        }

        public Builder defaultCommit(String value) {
            defaultCommit = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        /** Adds variables; a name given again takes the later value. */
        public Builder vars(Map<String, String> values) {
            vars.putAll(values);
            return this;
        }

        /** Adds the variables of secret text credentials: their names are {@link #secretVars}, their values masked. */
        public Builder secretVars(Map<String, String> values) {
            vars.putAll(values);
            secretVars.addAll(values.keySet());
            return this;
        }

        public Builder varFile(String agentPath) {
            varFiles.add(agentPath);
            return this;
        }

        public Builder ignore(List<String> rules) {
            ignore.addAll(rules);
            return this;
        }

        public Builder target(StepTarget value) {
            target = value;
            return this;
        }

        /** The plan file: its absolute path on the agent, and as the user wrote it. */
        public Builder planFile(String agentPath, String label) {
            planFile = agentPath;
            planFileLabel = label;
            return this;
        }

        public Builder prune(boolean value) {
            prune = value;
            return this;
        }

        public Builder allowEmpty(boolean value) {
            allowEmpty = value;
            return this;
        }

        public Builder parallelism(int value) {
            parallelism = value;
            return this;
        }

        public Builder lockWait(Duration value) {
            lockWait = Objects.requireNonNull(value);
            return this;
        }

        /** Whether to wait for health, and how long. */
        public Builder health(boolean wait, Duration upTo) {
            await = wait;
            timeout = Objects.requireNonNull(upTo);
            return this;
        }

        public Builder failOnDrift(boolean value) {
            failOnDrift = value;
            return this;
        }

        public Builder diffMode(DiffMode value) {
            diffMode = Objects.requireNonNull(value);
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder buildUrl(String value) {
            buildUrl = value;
            return this;
        }

        public Builder logDiffs(boolean value) {
            logDiffs = value;
            return this;
        }

        public Builder pageFile(String agentPath) {
            pageFile = agentPath;
            return this;
        }

        /** The build's environment; only the variables that find helm and kubectl are kept. */
        public Builder tools(Map<String, String> environment) {
            tools.putAll(environment);
            return this;
        }

        public Builder secretPattern(String regex) {
            secretPattern = Objects.requireNonNull(regex);
            return this;
        }

        public StepRequest build() {
            return new StepRequest(operation, repository, ref, defaultCommit, name, path, vars, varFiles, ignore, target,
                    planFile, planFileLabel, prune, allowEmpty, parallelism, lockWait, await, timeout, failOnDrift,
                    diffMode, user, buildUrl, logDiffs, pageFile, secretPattern, secretVars, tools);
        }
    }
}
