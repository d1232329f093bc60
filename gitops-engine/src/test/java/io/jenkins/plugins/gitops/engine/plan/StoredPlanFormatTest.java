package io.jenkins.plugins.gitops.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan file saved by version 0.1 (formats/v1/plan.json) stays readable: every field comes back with its
 * value, so a renamed record component (read as null) or a changed self-digest rule fails here.
 */
class StoredPlanFormatTest {
    static Path fixture(String name) {
        return fixture("v1", name);
    }

    static Path fixture(String folder, String name) {
        try {
            return Path.of(StoredPlanFormatTest.class.getResource("/formats/" + folder + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAPlanFileOfFormatOne() {
        Plan plan = PlanFile.read(fixture("plan.json"));

        assertThat(plan.repository()).isEqualTo(".");
        assertThat(plan.commit()).isEqualTo("f8c1c62c82f1165c2f674fe21bff9f22656a3b15");
        assertThat(plan.path()).isEqualTo("envs/prod");
        assertThat(plan.target()).isEqualTo("dir:/tmp/fx/target");
        assertThat(plan.desiredDigest())
                .isEqualTo("sha256:9ca7e6f77f5ad63ce47ca0939daf268ca20fb1153a196242de865daacb644ac9");
        assertThat(plan.liveFingerprint())
                .isEqualTo("sha256:52160b5997a78a0fe6db85cefccb2816ae78db70331794b1d7521c81202c8db3");
        assertThat(plan.prune()).isTrue();
        assertThat(plan.createdAt()).isEqualTo(Instant.parse("2026-11-28T23:09:31.020532319Z"));
        assertThat(plan.summary()).isEqualTo(new PlanSummary(1, 1, 1, 2));
        assertThat(plan.changes()).extracting(Change::id, Change::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new ResourceId("", "Namespace", "", "shop"), Action.NOOP),
                org.assertj.core.groups.Tuple.tuple(new ResourceId("", "Service", "shop", "web"), Action.CREATE),
                org.assertj.core.groups.Tuple.tuple(new ResourceId("apps", "Deployment", "shop", "web"), Action.NOOP),
                org.assertj.core.groups.Tuple.tuple(new ResourceId("", "ConfigMap", "shop", "settings"), Action.UPDATE),
                org.assertj.core.groups.Tuple.tuple(new ResourceId("", "Secret", "shop", "db"), Action.DELETE));

        Change update = plan.changes().get(3);
        assertThat(update.origin()).isEqualTo(new Origin("envs/prod/app.yaml", 6));
        assertThat(update.liveVersion())
                .isEqualTo("hmac-sha256:f4b4cd8efbd6e0ffaa586f7ed372af0dc18f95e277e75ff17a8f6761210dcc45");
        assertThat(update.diff()).contains("-  color: blue\n+  color: green\n");
        Change create = plan.changes().get(1);
        assertThat(create.liveVersion()).isNull();
        assertThat(create.origin()).isEqualTo(new Origin("envs/prod/app.yaml", 33));
        Change delete = plan.changes().get(4);
        assertThat(delete.origin()).isNull();
        assertThat(delete.diff()).contains("-  password: '***'");
    }

    @Test
    void readsAPlanWrittenBeforeTheFormatPolicyAndOneWithFieldsOfANewerVersion() {
        Plan before = PlanFile.read(fixture("v1-events", "plan.json"));
        Plan newer = PlanFile.read(fixture("newer/extra-fields", "plan.json"));

        assertThat(before.commit()).isEqualTo("5c3f9be4e6acdcbb8caabbfc10fbbe1c1f8a5b44");
        assertThat(before.changes()).extracting(Change::id, Change::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new ResourceId("", "Namespace", "", "shop"), Action.NOOP),
                org.assertj.core.groups.Tuple.tuple(new ResourceId("", "ConfigMap", "shop", "settings"), Action.UPDATE));
        assertThat(newer).isEqualTo(before);
    }

    @Test
    void aSavedPlanComesWithTheDigestItsFileCarries(@TempDir Path tmp) throws Exception {
        SavedPlan saved = PlanFile.readSaved(fixture("plan.json"));
        SavedPlan newer = PlanFile.readSaved(fixture("newer/extra-fields", "plan.json"));
        Plan plan = saved.plan().withName("renamed");
        SavedPlan written = PlanFile.readSaved(Files.writeString(tmp.resolve("plan.json"),
                PlanFile.toJson(plan)));

        assertThat(saved.plan()).isEqualTo(PlanFile.read(fixture("plan.json")));
        assertThat(saved.digest()).isEqualTo(recordedDigest(fixture("plan.json")));
        // A newer version's fields are part of what the user reviewed: its digest names that file, fields and all.
        assertThat(newer.digest()).isEqualTo(recordedDigest(fixture("newer/extra-fields", "plan.json")))
                .isNotEqualTo(PlanFile.digest(newer.plan()));
        assertThat(written.digest()).isEqualTo(PlanFile.digest(plan)).isNotEqualTo(saved.digest());
    }

    private static String recordedDigest(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile()).get("planDigest").asText();
    }

    @Test
    void refusesAPlanOfANewerFormatAsSuch() {
        Path file = fixture("newer/format-3", "plan.json");

        assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOfSatisfying(GitopsException.class, e -> {
            assertThat(e).hasMessage("plan file " + file + " was written by a newer version of gitops-pipeline"
                    + " (format 3; this version reads format 2 and older)");
            assertThat(e.remedy()).contains(Remedy.of(Remedy.Kind.UPGRADE));
        });
    }

    @Test
    void readsAPlanFileOfFormatTwoThatRunsHooks() {
        Plan plan = PlanFile.read(fixture("v2-run", "plan.json"));

        assertThat(plan.summary()).isEqualTo(new PlanSummary(6, 0, 0, 0, 2));
        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.RUN).extracting(Change::id).containsExactly(
                ResourceId.generated("batch", "Job", "", "upgrade-sql-schema"),
                ResourceId.generated("batch", "Job", "", "chart-seed-"));
        assertThat(plan.renderedBy()).containsExactly("embedded helm-java 0.0.21 (child JVM)");
        // Written back, it is the same plan file: format 2 again, the same self-digest.
        assertThat(PlanFile.fromJson(PlanFile.toJson(plan), "rewritten")).isEqualTo(plan);
        assertThat(PlanFile.toJson(plan)).contains("\"format\" : 2");
    }

    @Test
    void writesWhatItReadsWithTheSameFieldNames() {
        // Writing the plan back gives the same JSON fields: a component renamed on write only is caught too.
        String written = PlanFile.toJson(PlanFile.read(fixture("plan.json")));
        Plan again = PlanFile.fromJson(written, "rewritten");

        assertThat(again).isEqualTo(PlanFile.read(fixture("plan.json")));
        assertThat(written).contains("\"liveFingerprint\"", "\"desiredDigest\"", "\"liveVersion\"", "\"origin\"",
                "\"createdAt\" : \"2026-11-28T23:09:31.020532319Z\"");
    }
}
