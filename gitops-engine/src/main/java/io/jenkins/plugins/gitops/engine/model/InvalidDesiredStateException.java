package io.jenkins.plugins.gitops.engine.model;

import io.jenkins.plugins.gitops.engine.GitopsException;
import java.util.List;
import java.util.stream.Collectors;

/** The desired state cannot be used; every problem found is listed, so one run shows them all. */
public class InvalidDesiredStateException extends GitopsException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidDesiredStateException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return "invalid desired state (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "); nothing was applied:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
