package io.jenkins.plugins.gitops;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the agent needs to run one plan, apply or verify: strings, numbers, booleans and JDK
 * collections only, because it crosses the remoting channel (engine types would need a class filter entry
 * and would tie the wire format to the engine's internals).
 */
final class EngineRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Operation { PLAN, APPLY, VERIFY }

    final Operation operation;
    /** Repository directory on the agent. */
    String repository;
    /** What the user asked for, or null: then the plan's commit (apply of a plan) or {@link #defaultCommit}. */
    String ref;
    String defaultCommit;
    String path = "";
    LinkedHashMap<String, String> vars = new LinkedHashMap<>();
    /** Absolute paths on the agent. */
    ArrayList<String> varFiles = new ArrayList<>();
    ArrayList<String> ignore = new ArrayList<>();
    TargetSpec target;
    /** Absolute path on the agent, or null. */
    String planFile;
    /** The plan file as the user wrote it, for the step's result. */
    String planFileLabel;
    boolean prune = true;
    boolean autoApprove;
    int parallelism = 16;
    Duration lockWait = Duration.ZERO;
    boolean await;
    Duration timeout = Duration.ofMinutes(5);
    boolean failOnDrift = true;
    /** A {@link io.jenkins.plugins.gitops.engine.plan.DiffMode} name. */
    String diffMode = "CLIENT";
    String user;
    String buildUrl;
    /** Whether the log gets every resource's full diff (else one line per change; the diffs are on the page). */
    boolean logDiffs;
    /** Where the agent writes the plan for the build page (absolute path on the agent); copied by the controller. */
    String pageFile;
    /** Masks the values of {@code credentialVars}, which are among {@link #vars} for this call only. */
    Masker masker = Masker.NONE;

    EngineRequest(Operation operation) {
        this.operation = operation;
    }

    EngineRequest vars(Map<String, String> values) {
        vars = new LinkedHashMap<>(values);
        return this;
    }

    EngineRequest ignore(List<String> rules) {
        ignore = new ArrayList<>(rules);
        return this;
    }
}
