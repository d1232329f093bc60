package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyTextTest {
    @Test
    void listsEachDriftedResourceWithItsDiff() {
        String text = VerifyText.render(new VerifyResult(Plans.mixed(), List.of()), DiffDetail.ALL);

        assertThat(text).contains("drift: missing from the target       Deployment.apps/shop/web  (apps/web.yaml:12)\n",
                "--- live/Deployment.apps/shop/web\n", "+  replicas: 2\n")
                .endsWith("Drift: 3 resource(s) differ from commit " + Plans.mixed().commit() + ".\n");
    }

    @Test
    void byDefaultOnlyObjectsThatDifferShowTheirDiff() {
        String text = VerifyText.render(new VerifyResult(Plans.mixed(), List.of()));

        assertThat(text).contains("drift: missing from the target       Deployment.apps/shop/web  (apps/web.yaml:12)\n",
                "--- live/Secret/shop/db\n").doesNotContain("--- live/Deployment.apps/shop/web", "+  replicas: 2\n",
                "--- live/Service/shop/old");
    }

    @Test
    void withoutDiffsKeepsOneLinePerDriftedResource() {
        String text = VerifyText.render(new VerifyResult(Plans.mixed(), List.of()), DiffDetail.NONE);

        assertThat(text).isEqualTo("drift: missing from the target       Deployment.apps/shop/web  (apps/web.yaml:12)\n"
                + "drift: differs from the desired state Secret/shop/db  (apps/db.yaml:1)\n"
                + "drift: no longer desired, not pruned  Service/shop/old\n"
                + "Drift: 3 resource(s) differ from commit " + Plans.mixed().commit() + ".\n");
    }
}
