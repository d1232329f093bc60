package io.jenkins.plugins.gitops.engine.plan;

/**
 * A plan read from its file, with the digest the file carries ({@link PlanFile#readSaved}, which checks it against
 * the content): the name of the reviewed plan in the records of its apply, without digesting the plan again.
 */
public record SavedPlan(Plan plan, String digest) {
}
