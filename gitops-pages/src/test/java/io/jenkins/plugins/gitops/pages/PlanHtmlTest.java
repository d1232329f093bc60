package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.engine.report.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanHtmlTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final String ATTRIBUTES = "class|href|colspan|role|aria-label|aria-current|aria-disabled|type|name"
            + "|value|placeholder|method|data-gitops-diff|data-gitops-view";

    /** Every tag is one of ours, with known attributes only: no script, style, or on* handler (CSP). */
    private static void assertOnlyOwnMarkup(String html) {
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            assertThat(m.group()).matches("</?(div|p|code|table|thead|tbody|tr|th|td|nav|a|span|details|summary|dl"
                    + "|dt|dd|form|input|button|mark|h2|ul|li|wbr)( (" + ATTRIBUTES + ")=\"[^\"<>]*\")*>");
        }
    }

    private static int rows(String html) {
        return html.split("<tr class=\"gitops-row ", -1).length - 1;
    }

    private static PlanHtml.Query all(int page, int size) {
        return new PlanHtml.Query(null, "", page, size);
    }

    @Test
    void headerShowsLinkedCommitTargetAndBuilds() {
        Plan plan = new Plan("https://github.com/acme/shop.git", Plans.COMMIT, "envs/prod", "prod \"<b>\"", "d", "l",
                true, Plans.plan("x", List.of()).createdAt(), Plans.mixed().changes());

        String html = PlanHtml.header(plan, Phase.PLAN, new PageLinks("#12", "/job/shop/12/", "#13",
                "javascript:alert(1)"));

        assertThat(html).contains("<a href=\"https://github.com/acme/shop/commit/" + Plans.COMMIT
                        + "\"><code>1a2b3c4d5e6f</code></a>", "<code>prod &quot;&lt;b&gt;&quot;</code>",
                "<dt>Planned by</dt><dd><a href=\"/job/shop/12/\">#12</a></dd>", "<dt>Applied by</dt><dd>#13</dd>",
                "gitops-badge--create\">1 create</span>", "gitops-badge--noop\">1 unchanged</span>")
                .doesNotContain("javascript:");
        assertOnlyOwnMarkup(html);
    }

    @Test
    void countsAreWordedForThePhase() {
        Plan plan = Plans.mixed();

        assertThat(PlanHtml.counts(plan.summary(), Phase.APPLIED)).contains("1 created", "1 updated", "1 deleted")
                .doesNotContain("to create", "1 create<");
        assertThat(PlanHtml.counts(plan.summary(), Phase.VERIFY)).contains("1 missing", "1 differing", "1 no longer desired");
    }

    @Test
    void allListsEveryResourceChangesFirstWithChangedFieldsAndNoDiffBody() {
        String html = PlanHtml.changesPage(Plans.mixed(), Phase.PLAN, all(1, 50));

        assertThat(rows(html)).isEqualTo(4);
        assertThat(html.indexOf("Service/<wbr>shop/<wbr>old")).isPositive()
                .isLessThan(html.indexOf("ConfigMap/<wbr>shop/<wbr>same"));
        assertThat(html).contains("<code>Secret/<wbr>shop/<wbr>db</code><div class=\"gitops-paths\">data.password</div>",
                        // the source twice: its column, and under the name for narrow screens, where the column is hidden
                        "<div class=\"gitops-origin-inline\">apps/db.yaml:1</div>",
                        "<td class=\"gitops-origin\">apps/db.yaml:1</td>",
                        "<details class=\"gitops-diff\" data-gitops-diff=\"diff?n=1\">",
                        "All <span class=\"jenkins-badge gitops-count\">4</span>",
                        "Unchanged <span class=\"jenkins-badge gitops-count\">1</span>")
                // The diff itself is fetched when a row is opened.
                .doesNotContain("*** (before)", Plans.SECRET_VALUE, Plans.base64Secret());
        assertOnlyOwnMarkup(html);
    }

    @Test
    void aDiffMarksChangedWordsAndHiddenSecretValues() {
        Plan plan = Plans.mixed();

        String secret = PlanHtml.diff(plan, 1, Phase.PLAN);
        String config = PlanHtml.diff(Plans.plan("prod", List.of(Plans.update("web"))), 0, Phase.VERIFY);

        assertThat(secret).contains("value changed, hidden", "gitops-line--del", "gitops-line--add",
                "data-gitops-view=\"split\"").doesNotContain(Plans.SECRET_VALUE, Plans.base64Secret());
        assertThat(config).contains("<mark class=\"gitops-word-del\">red</mark>",
                "<mark class=\"gitops-word-add\">blue</mark>", "<th colspan=\"2\">Live</th>",
                "<th colspan=\"2\">Desired (Git)</th>").doesNotContain("value changed, hidden");
        assertOnlyOwnMarkup(secret + config);
        assertThat(PlanHtml.diff(plan, 99, Phase.PLAN)).contains("No such resource");
    }

    @Test
    void unifiedViewListsRemovedLinesBeforeTheAddedOnesThatReplaceThem() {
        Change change = new Change(new ResourceId("", "ConfigMap", "", "x"), Action.UPDATE, new Origin("x.yaml", 1), "1",
                "--- a\n+++ b\n@@ -1,3 +1,3 @@\n ctx\n-old1\n-old2\n+new1\n+new2\n");

        String html = PlanHtml.diff(Plans.plan("prod", List.of(change)), 0, Phase.PLAN);
        String unified = html.substring(html.indexOf("gitops-unified"), html.indexOf("gitops-split"));

        assertThat(unified.indexOf("old2")).isLessThan(unified.indexOf("new1"));
        assertThat(unified.indexOf("old1")).isLessThan(unified.indexOf("old2"));
        assertThat(unified.indexOf("new1")).isLessThan(unified.indexOf("new2"));
    }

    @Test
    void hostileNamesPathsAndDiffsAreEscaped() {
        Change change = new Change(new ResourceId("", "ConfigMap", HOSTILE, "\" onmouseover=\"x"), Action.UPDATE,
                new Origin("'><img src=x onerror=alert(1)>.yaml", 1), "7",
                "--- live/x\n+++ desired/x\n@@ -1 +1 @@\n-a: " + HOSTILE + "\n+a: </td></tr></table>\n",
                List.of("data[\"<b>\"]"));
        Plan plan = Plans.plan(HOSTILE, List.of(change));

        String html = PlanHtml.header(plan, Phase.PLAN, PageLinks.NONE)
                + PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(Action.UPDATE, "\"><script>", 1, 10))
                + PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(Action.UPDATE, "", 1, 10))
                + PlanHtml.diff(plan, 0, Phase.PLAN);

        assertThat(html.replaceAll("</?mark[^>]*>", "")).doesNotContain("<script", "<img", "<b>")
                .contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "&quot; onmouseover=&quot;x", "&#39;&gt;&lt;img src=x onerror=alert(1)&gt;.yaml",
                        "value=\"&quot;&gt;&lt;script&gt;\"", "data[&quot;&lt;b&gt;&quot;]");
        assertOnlyOwnMarkup(html);
    }

    @Test
    void pagesAreBoundedAndLinkToTheirNeighbours() {
        List<Change> changes = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> Plans.update("c" + i)).toList());
        changes.add(Plans.change(new ResourceId("", "ConfigMap", "shop", "new"), null, Plans.configMap("new", "x"),
                new Origin("new.yaml", 1)));
        Plan plan = Plans.plan("prod", changes);

        String second = PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(Action.UPDATE, "", 2, 10));
        String beyond = PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(Action.UPDATE, "", 99, 10));

        assertThat(rows(second)).isEqualTo(10);
        assertThat(second).contains("ConfigMap/<wbr>shop/<wbr>c10<", "ConfigMap/<wbr>shop/<wbr>c19<").doesNotContain("shop/<wbr>c9<",
                "shop/<wbr>c20<", "shop/<wbr>new<");
        assertThat(second).contains("href=\"?page=1&amp;action=UPDATE\">Previous</a>",
                "11–20 of 25 · page 2 of 3", "href=\"?page=3&amp;action=UPDATE\">Next</a>",
                "href=\"?page=1&amp;action=CREATE\">Create <span class=\"jenkins-badge gitops-count\">1</span>",
                "gitops-filter--selected\" aria-current=\"page\" href=\"?page=1&amp;action=UPDATE\">Update");
        assertThat(rows(beyond)).isEqualTo(5);
        assertThat(beyond).contains("page 3 of 3", "aria-disabled=\"true\">Next</span>");
    }

    @Test
    void searchMatchesKindNamespaceOrNameAndKeepsTheFilterInLinks() {
        List<Change> changes = new ArrayList<>(IntStream.range(0, 30).mapToObj(i -> Plans.update("c" + i)).toList());
        changes.add(Plans.mixed().changes().get(0));
        Plan plan = Plans.plan("prod", changes);

        String byName = PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(null, "C2", 1, 10));
        String byKind = PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(null, "deployment", 1, 10));
        String none = PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(null, "nothing", 1, 10));

        assertThat(rows(byName)).isEqualTo(10);
        assertThat(byName).contains("shop/<wbr>c2<", "shop/<wbr>c28<", "1–10 of 11", "href=\"?page=2&amp;q=C2\">Next")
                .doesNotContain("shop/<wbr>c3<", "shop/<wbr>c29<");
        assertThat(rows(byKind)).isEqualTo(1);
        assertThat(byKind).contains("Deployment.apps/<wbr>shop/<wbr>web");
        assertThat(none).contains("No resource matches.");
    }

    @Test
    void pageSizeIsCapped() {
        List<Change> changes = IntStream.range(0, PlanHtml.MAX_PAGE_SIZE + 50).mapToObj(i -> new Change(
                new ResourceId("", "ConfigMap", "", "c" + i), Action.CREATE, new Origin("c.yaml", 1), null,
                "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n")).toList();

        String html = PlanHtml.changesPage(Plans.plan("prod", changes), Phase.PLAN, all(1, 1_000_000));

        assertThat(rows(html)).isEqualTo(PlanHtml.MAX_PAGE_SIZE);
        assertThat(html).contains("page 1 of 2");
    }

    @Test
    void filterPicksOneAction() {
        Plan plan = Plans.mixed();

        assertThat(PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(Action.NOOP, "", 1, 10)))
                .contains("ConfigMap/<wbr>shop/<wbr>same").doesNotContain("Secret/<wbr>shop/<wbr>db", "gitops-diff");
        assertThat(PlanHtml.changesPage(plan, Phase.PLAN, new PlanHtml.Query(Action.DELETE, "", 1, 10)))
                .contains("Service/<wbr>shop/<wbr>old").doesNotContain("Secret/<wbr>shop/<wbr>db");
        assertThat(PlanHtml.changesPage(Plans.plan("prod", List.of()), Phase.PLAN, all(1, 10)))
                .contains("No changes.", "page 1 of 1");
    }

    @Test
    void countsMarkZerosAndThePhaseSoThatDriftIsNotColouredAsGoodNews() {
        String plan = PlanHtml.counts(new PlanSummary(2, 0, 1, 3), Phase.PLAN);
        String verify = PlanHtml.counts(new PlanSummary(1, 0, 0, 3), Phase.VERIFY);

        assertThat(plan).contains("gitops-phase-plan", "gitops-badge--create\">2 create",
                "gitops-badge--update gitops-badge--zero\">0 update", "gitops-badge--delete\">1 delete");
        assertThat(verify).contains("gitops-phase-verify", "gitops-badge--create\">1 missing",
                "gitops-badge--delete gitops-badge--zero\">0 no longer desired");
        assertThat(PlanHtml.changesPage(Plans.mixed(), Phase.VERIFY, all(1, 10)))
                .contains("class=\"gitops-changes-page gitops-phase-verify\"");
    }

    @Test
    void runOnceHooksHaveTheirOwnBadgeAndFilterOnlyWhereAPlanHasThem() {
        List<Change> changes = new ArrayList<>(Plans.mixed().changes());
        changes.add(new Change(new ResourceId("batch", "Job", "shop", "migrate*"), Action.RUN, new Origin("hooks.yaml", 1),
                null, "--- a\n+++ b\n@@ -0,0 +1 @@\n+kind: Job\n"));
        Plan withRun = Plans.plan("prod", changes);

        assertThat(PlanHtml.counts(withRun.summary(), Phase.PLAN)).contains("gitops-badge--run\">1 run");
        assertThat(PlanHtml.counts(withRun.summary(), Phase.APPLIED)).contains("gitops-badge--run\">1 ran");
        assertThat(PlanHtml.changesPage(withRun, Phase.PLAN, all(1, 50))).contains("action=RUN", ">Run <");
        assertThat(PlanHtml.changesPage(withRun, Phase.PLAN, new PlanHtml.Query(Action.RUN, "", 1, 10)))
                .contains("Job.batch/<wbr>shop/<wbr>migrate*").doesNotContain("Secret/<wbr>shop/<wbr>db");
        assertThat(PlanHtml.counts(Plans.mixed().summary(), Phase.PLAN)).doesNotContain("gitops-badge--run");
        assertThat(PlanHtml.changesPage(Plans.mixed(), Phase.PLAN, all(1, 50))).doesNotContain("action=RUN");
    }

    @Test
    void aSinglePageHasACountButNoPagerButtons() {
        String one = PlanHtml.changesPage(Plans.mixed(), Phase.PLAN, all(1, 50));
        String two = PlanHtml.changesPage(Plans.mixed(), Phase.PLAN, all(1, 1));

        assertThat(one).contains("page 1 of 1").doesNotContain(">First<", ">Previous<", ">Next<", ">Last<");
        assertThat(two).contains(">First<", ">Previous<", ">Next<", ">Last<");
    }

    @Test
    void aFailedApplyListsEachFailureWithItsReasonEscapedAndCountsWhatWasNotApplied() {
        ResourceId web = new ResourceId("apps", "Deployment", "shop", "web");
        List<Outcome> outcomes = new ArrayList<>(List.of(
                new Outcome(new ResourceId("", "ConfigMap", "shop", "a"), Action.CREATE, Outcome.Status.DONE, null),
                new Outcome(web, Action.UPDATE, Outcome.Status.FAILED, "admission webhook said <script>no</script>")));
        IntStream.range(0, PlanHtml.MAX_SKIPPED_LISTED + 5).forEach(i -> outcomes.add(new Outcome(
                new ResourceId("", "ConfigMap", "shop", "c" + i), Action.CREATE, Outcome.Status.SKIPPED, null)));

        String html = PlanHtml.outcomes(outcomes);

        assertOnlyOwnMarkup(html);
        assertThat(html).contains("1 failed", (PlanHtml.MAX_SKIPPED_LISTED + 5) + " not applied", "1 done",
                "<code>Deployment.apps/shop/web</code>: <span class=\"gitops-outcome-reason\">admission webhook said"
                        + " &lt;script&gt;no&lt;/script&gt;</span>", "5 more not applied")
                .doesNotContain("<script>", "shop/c" + (PlanHtml.MAX_SKIPPED_LISTED + 1) + "<");
        assertThat(PlanHtml.outcomes(outcomes.subList(0, 1))).as("all done: the counts say it").isEmpty();
    }

    @Test
    void verifyWordsDriftAndListsUnhealthyResources() {
        String page = PlanHtml.changesPage(Plans.mixed(), Phase.VERIFY, all(1, 10));
        String health = PlanHtml.unhealthy(List.of(new ResourceHealth(new ResourceId("apps", "Deployment", "shop",
                "web"), new Health(HealthStatus.IN_PROGRESS, "1 of 3 <replicas> updated")).toString(),
                new ResourceHealth(new ResourceId("batch", "Job", "shop", "migrate"),
                        new Health(HealthStatus.FAILED, "BackoffLimitExceeded")).toString()));

        assertThat(page).contains(">missing</span>", ">differing</span>", ">no longer desired</span>", ">in sync</span>")
                .doesNotContain(">update</span>");
        assertThat(health).contains("not ready</span> Deployment.apps/shop/web", "1 of 3 &lt;replicas&gt; updated",
                "failed</span> Job.batch/shop/migrate");
        assertThat(PlanHtml.unhealthy(List.of())).isEmpty();
        assertOnlyOwnMarkup(page + health);
    }

    @Test
    void longDiffsAreCut() {
        String diff = "--- a\n+++ b\n@@ -1,2497 +0,0 @@\n" + IntStream.range(0, 2497).mapToObj(i -> "-line" + i + "\n")
                .collect(Collectors.joining());
        Change change = new Change(new ResourceId("", "ConfigMap", "", "big"), Action.DELETE, null, "7", diff);

        String html = PlanHtml.diff(Plans.plan("prod", List.of(change)), 0, Phase.PLAN);

        assertThat(html).contains(">line1996<", "500 more lines not shown").doesNotContain(">line1997<");
    }
}
