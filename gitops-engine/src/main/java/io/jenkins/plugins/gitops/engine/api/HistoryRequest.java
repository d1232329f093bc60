package io.jenkins.plugins.gitops.engine.api;

/** The revisions applied to the target of the environment at {@code path} ("" for the root). */
public record HistoryRequest(TargetSpec target, String path) {
}
