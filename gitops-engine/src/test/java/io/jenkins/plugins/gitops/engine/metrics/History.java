package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.source.CommitTime;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Revision.Event;
import io.jenkins.plugins.gitops.engine.targets.Revision.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted target history, with the commits each applied commit brought, for metrics with known answers; the
 * reports and pages that show metrics use it too.
 */
public final class History {
    static final String PATH = "envs/prod";

    final List<Revision> entries = new ArrayList<>();
    final Map<String, List<CommitTime>> brought = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    /** A successful apply that changed something, of a commit that brought {@code commits}. */
    public History deploy(String commit, String at, CommitTime... commits) {
        brought.put(commit, List.of(commits));
        return add(commit, at, Event.APPLY, Result.SUCCEEDED, 3, false);
    }

    /** A successful apply recorded as a rollback. */
    History rollback(String commit, String at) {
        return add(commit, at, Event.APPLY, Result.SUCCEEDED, 3, true);
    }

    /** A successful apply that found nothing to change (a new commit that did not touch the path). */
    History unchanged(String commit, String at) {
        return add(commit, at, Event.APPLY, Result.SUCCEEDED, 0, false);
    }

    public History failedApply(String commit, String at) {
        entries.add(entry(commit, at).result(Result.FAILED).errorClass("TargetException").changed(1).build());
        return this;
    }

    History verify(String commit, String at, Result result) {
        return add(commit, at, Event.VERIFY, result, result == Result.CLEAN ? 0 : 1, false);
    }

    /** An entry as written before failures, verifies and rollbacks were recorded. */
    public History old(String commit, String at, CommitTime... commits) {
        brought.put(commit, List.of(commits));
        entries.add(entry(commit, at).build());
        return this;
    }

    public List<Revision> entries() {
        return List.copyOf(entries);
    }

    private History add(String commit, String at, Event event, Result result, int changed, boolean rollback) {
        entries.add(entry(commit, at).event(event).result(result).plannedAt(Instant.parse(at).minusSeconds(600))
                .changed(changed).rollback(rollback).build());
        return this;
    }

    private static Revision.Builder entry(String commit, String at) {
        return Revision.builder().commit(commit).path(PATH).desiredDigest("sha256:" + commit)
                .appliedAt(Instant.parse(at)).user("ci").resources(5);
    }

    /** The commit log these commits make: what each applied commit brought, whatever was applied before. */
    public CommitLog log() {
        return (applied, before, path) -> {
            asked.add(applied + " after " + before + " on " + path);
            return Optional.ofNullable(brought.get(applied));
        };
    }

    public static CommitTime commit(String id, String at) {
        return new CommitTime(id, Instant.parse(at));
    }
}
