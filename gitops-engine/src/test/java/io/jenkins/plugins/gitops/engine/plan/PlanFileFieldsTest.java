package io.jenkins.plugins.gitops.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields the build page reads from a plan file: changed paths and the run that planned it. */
class PlanFileFieldsTest {
    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    private static Plan plan(List<Change> changes) {
        return new Plan("repo", "abc", "envs/prod", "dir:/t", "d", "l", true, Instant.parse("2026-01-01T00:00:00Z"),
                changes);
    }

    @Test
    void changedPathsAndPlannerSurviveTheFile() {
        Plan plan = plan(List.of(new Change(WEB, Action.UPDATE, new Origin("web.yaml", 1), "7", "diff",
                List.of("spec.replicas")))).withPlannedBy("https://ci.example.com/job/shop/12/");

        Plan read = PlanFile.fromJson(PlanFile.toJson(plan), "plan.json");

        assertThat(read).isEqualTo(plan);
        assertThat(read.changes().get(0).paths()).containsExactly("spec.replicas");
        assertThat(read.plannedBy()).isEqualTo("https://ci.example.com/job/shop/12/");
    }

    @Test
    void absentFieldsAreLeftOutSoOlderFilesReadTheSame() {
        Plan plan = plan(List.of(new Change(WEB, Action.CREATE, new Origin("web.yaml", 1), null, "diff")));

        String json = PlanFile.toJson(plan);

        assertThat(json).doesNotContain("plannedBy", "remoteUrl", "paths", "renderedBy");
        assertThat(PlanFile.fromJson(json, "plan.json").changes().get(0).paths()).isEmpty();
    }

    @Test
    void theHelmThatRenderedThePlanIsAFieldOfFormatOneShownInTheTextPlan() {
        Plan plain = plan(List.of(new Change(WEB, Action.CREATE, new Origin("web.yaml", 1), null, "diff")));
        Plan plan = new Plan(plain.repository(), plain.commit(), plain.path(), plain.target(), plain.desiredDigest(),
                plain.liveFingerprint(), plain.prune(), plain.createdAt(), plain.changes(), null, null, null,
                List.of("helm v4.1.4 (/usr/local/bin/helm)"));

        String json = PlanFile.toJson(plan);

        // An added field: the format stays 1, which older versions read (ignoring the field).
        assertThat(json).contains("\"renderedBy\" : [ \"helm v4.1.4 (/usr/local/bin/helm)\" ]", "\"format\" : 1");
        assertThat(PlanFile.fromJson(json, "plan.json")).isEqualTo(plan);
        assertThat(io.jenkins.plugins.gitops.engine.report.PlanText.render(plan))
                .contains("\nCharts rendered by helm v4.1.4 (/usr/local/bin/helm)\n");
        assertThat(io.jenkins.plugins.gitops.engine.report.PlanMarkdown.render(plan, 10_000))
                .contains(" · charts rendered by helm v4.1.4 (/usr/local/bin/helm)");
    }
}
