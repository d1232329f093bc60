package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Revision.Event;
import io.jenkins.plugins.gitops.engine.targets.Revision.Result;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HistoryTextTest {
    private static Revision entry(String commit, int minute, Event event, Result result, String errorClass,
            boolean rollback) {
        return Revision.builder().commit(commit).path("envs/prod").desiredDigest("sha256:0")
                .appliedAt(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60L * minute)).user("alice").resources(2)
                .event(event).result(result).errorClass(errorClass).changed(1).rollback(rollback).build();
    }

    @Test
    void saysWhatEachEntryWasNewestFirst() {
        Inventory inventory = new Inventory(new TreeSet<>(), List.of(
                new Revision("aaa", "envs/prod", "sha256:0", Instant.parse("2026-03-01T09:00:00Z"), "bob",
                        "https://ci/job/7/", 2),
                entry("bbb", 1, Event.APPLY, Result.FAILED, "interrupted", false),
                entry("bbb", 2, Event.VERIFY, Result.UNHEALTHY, null, false),
                entry("aaa", 3, Event.APPLY, Result.SUCCEEDED, null, true),
                entry("aaa", 4, Event.VERIFY, Result.CLEAN, null, false)));

        String[] lines = HistoryText.render(inventory).split("\n");

        assertThat(lines).hasSize(6);
        assertThat(lines[0]).startsWith("TIME (UTC)").contains("WHAT");
        assertThat(lines[1]).startsWith("2026-03-01 10:04:00Z  verify: clean ").contains("aaa");
        assertThat(lines[2]).contains("rolled back").contains("aaa");
        assertThat(lines[3]).contains("verify: unhealthy").contains("bbb");
        assertThat(lines[4]).contains("apply failed (interrupted)").contains("bbb");
        assertThat(lines[5]).startsWith("2026-03-01 09:00:00Z  applied ").contains("bob").endsWith("envs/prod  https://ci/job/7/");
    }
}
