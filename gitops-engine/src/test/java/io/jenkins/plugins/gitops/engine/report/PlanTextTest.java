package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTextTest {
    @Test
    void listsChangesThenDiffsThenCounts() {
        String text = PlanText.render(Plans.mixed(), DiffDetail.ALL);

        assertThat(text).startsWith("Plan for prod at commit 1a2b3c4d5e6f, path envs/prod\n\n"
                + "+ create Deployment.apps/shop/web  (apps/web.yaml:12)\n"
                + "~ update Secret/shop/db  (apps/db.yaml:1)\n"
                + "- delete Service/shop/old\n\n--- live/Deployment.apps/shop/web\n");
        assertThat(text).contains("+  replicas: 2\n", "-  password: '*** (before)'\n+  password: '*** (after)'\n",
                "--- live/Service/shop/old\n", "-  - port: 80\n");
        assertThat(text).doesNotContain("ConfigMap/shop/same", Plans.SECRET_VALUE, Plans.base64Secret());
        assertThat(text).endsWith("\nPlan: 1 to create, 1 to update, 1 to delete, 1 unchanged.\n");
    }

    @Test
    void withoutDiffsAListsOneLinePerChangeAndTheCounts() {
        String text = PlanText.render(Plans.mixed(), DiffDetail.NONE);

        assertThat(text).isEqualTo("Plan for prod at commit 1a2b3c4d5e6f, path envs/prod\n\n"
                + "+ create Deployment.apps/shop/web  (apps/web.yaml:12)\n"
                + "~ update Secret/shop/db  (apps/db.yaml:1)\n"
                + "- delete Service/shop/old\n\n"
                + "Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged.\n");
    }

    @Test
    void byDefaultOnlyUpdatesShowTheirDiffAndCreatesAndDeletesAreOneLineEach() {
        String text = PlanText.render(Plans.mixed());

        assertThat(text).isEqualTo(PlanText.render(Plans.mixed(), DiffDetail.UPDATES))
                .startsWith("Plan for prod at commit 1a2b3c4d5e6f, path envs/prod\n\n"
                        + "+ create Deployment.apps/shop/web  (apps/web.yaml:12)\n"
                        + "~ update Secret/shop/db  (apps/db.yaml:1)\n"
                        + "- delete Service/shop/old\n\n--- live/Secret/shop/db\n")
                .contains("-  password: '*** (before)'\n+  password: '*** (after)'\n")
                .doesNotContain("--- live/Deployment.apps/shop/web", "replicas", "--- live/Service/shop/old", "port: 80")
                .endsWith("\nPlan: 1 to create, 1 to update, 1 to delete, 1 unchanged.\n");
        assertThat(Plans.mixed().changes()).filteredOn(DiffDetail.UPDATES::hides)
                .extracting(c -> c.id().name()).containsExactly("web", "old");
    }

    @Test
    void noChanges() {
        var same = Plans.change(new ResourceId("", "ConfigMap", "shop", "c"), Plans.configMap("c", "x"),
                Plans.configMap("c", "x"), new Origin("c.yaml", 1));

        assertThat(PlanText.render(Plans.plan("prod", List.of(same, same)))).isEqualTo(
                "Plan for prod at commit 1a2b3c4d5e6f, path envs/prod\n\nNo changes.\n"
                        + "Plan: 0 to create, 0 to update, 0 to delete, 2 unchanged.\n");
    }

    @Test
    void controlCharactersInNamesCannotDriveTheTerminal() {
        Change change = new Change(new ResourceId("", "ConfigMap", "shop", "evil\u001b[1A\rname"), Action.UPDATE,
                new Origin("c.yaml", 1), "7", "--- live/x\n+++ desired/x\n@@ -1 +1 @@\n-a: \u009b2J\n+a: b\n");

        String text = PlanText.render(Plans.plan("prod\u001b[2J", List.of(change)));

        assertThat(text).doesNotContain("\u001b", "\r", "\u009b")
                .contains("prod?[2J", "ConfigMap/shop/evil?[1A?name", "-a: ?2J\n");
    }
}
