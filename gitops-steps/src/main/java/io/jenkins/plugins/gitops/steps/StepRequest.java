package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the agent needs for one {@code gitopsPlan}, {@code gitopsApply} or {@code gitopsVerify} call, as
 * the controller resolved it from the step's parameters: strings, numbers, booleans and JDK collections only,
 * because it crosses the remoting channel.
 */
public final class StepRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Operation { PLAN, APPLY, VERIFY }

    public static final int DEFAULT_PARALLELISM = ApplyOptions.DEFAULT_PARALLELISM;

    public final Operation operation;
    /** Repository directory on the agent. */
    public String repository;
    /** What the user asked for, or null: then the plan's commit (apply of a plan) or {@link #defaultCommit}. */
    public String ref;
    /** The commit of the checkout (or of the cloned source) when no ref is given. */
    public String defaultCommit;
    /** The step's {@code name:}, or null: recorded in a saved plan, so its apply is labelled alike. */
    public String name;
    /** The environment's path; null or blank: the root, or a saved plan's path. */
    public String path;
    public LinkedHashMap<String, String> vars = new LinkedHashMap<>();
    /** Absolute paths on the agent. */
    public ArrayList<String> varFiles = new ArrayList<>();
    public ArrayList<String> ignore = new ArrayList<>();
    public StepTarget target;
    /** Absolute path on the agent, or null. */
    public String planFile;
    /** The plan file as the user wrote it, for the step's result. */
    public String planFileLabel;
    public boolean prune = true;
    /** Plan and apply: an empty desired state may delete what the target holds. */
    public boolean allowEmpty;
    public int parallelism = DEFAULT_PARALLELISM;
    public Duration lockWait = Duration.ZERO;
    public boolean await;
    public Duration timeout = Duration.ofMinutes(5);
    public boolean failOnDrift = true;
    /** A {@link io.jenkins.plugins.gitops.engine.plan.DiffMode} name. */
    public String diffMode = "CLIENT";
    public String user;
    public String buildUrl;
    /** Whether the build log gets every resource's full diff (else one line per change; the diffs are on the page). */
    public boolean logDiffs;
    /** Where to write the plan for the build page (absolute path on the agent), or null: not kept. */
    public String pageFile;
    /**
     * Matches the values of the secret variables among {@link #vars} ({@link SecretMask#regex()}); "" for none.
     * The values travel with this request for this call only: it is never saved.
     */
    public String secretPattern = "";
    /**
     * The names, among {@link #vars}, of the secret variables ({@code credentialVars}): the engine masks their values
     * wherever it writes them, in the plan file in the workspace too.
     */
    public ArrayList<String> secretVars = new ArrayList<>();

    public StepRequest(Operation operation) {
        this.operation = operation;
    }

    public StepRequest vars(Map<String, String> values) {
        vars = new LinkedHashMap<>(values);
        return this;
    }

    public StepRequest ignore(List<String> rules) {
        ignore = new ArrayList<>(rules);
        return this;
    }
}
