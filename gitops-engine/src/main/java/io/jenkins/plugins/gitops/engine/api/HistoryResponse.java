package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.targets.Inventory;

/** The target's inventory: what it owns and its applied revisions, oldest first. */
public record HistoryResponse(Inventory inventory) {
}
