package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
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

    /** Every tag the page contains: only our own, with class and href/colspan attributes. */
    private static void assertOnlyOwnMarkup(String html) {
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            assertThat(m.group()).matches("</?(div|p|code|table|thead|tbody|tr|th|td|nav|a|span|details|summary|pre)"
                    + "( (class|href|colspan)=\"[^\"<>]*\")*>");
        }
    }

    private static int rows(String html) {
        return html.split("<tr class=\"gitops-change ", -1).length - 1;
    }

    @Test
    void summaryShowsCountsAndEscapedSource() {
        String html = PlanHtml.summary(Plans.plan("prod \"<b>\"", Plans.mixed().changes()));

        assertThat(html).contains("Target <code>prod &quot;&lt;b&gt;&quot;</code>", "<code>1a2b3c4d5e6f</code>",
                "<td class=\"gitops-create\">1</td><td class=\"gitops-update\">1</td><td class=\"gitops-delete\">1"
                        + "</td><td class=\"gitops-noop\">1</td>")
                .doesNotContain("No changes.");
        assertOnlyOwnMarkup(html);
        assertThat(PlanHtml.summary(Plans.plan("prod", List.of()))).contains("No changes.");
    }

    @Test
    void changesHaveUnifiedAndSideBySideDiffsAndNoSecret() {
        String html = PlanHtml.changesPage(Plans.mixed(), null, 1, 50);

        assertThat(rows(html)).isEqualTo(3);
        assertThat(html).contains(
                "<td class=\"gitops-resource\">Secret/shop/db</td><td class=\"gitops-origin\">apps/db.yaml:1</td>",
                "<span class=\"gitops-del\">-  password: &#39;*** (before)&#39;</span>",
                "<tr class=\"gitops-sbs-change\"><td class=\"gitops-line-number\">7</td><td class=\"gitops-old\">"
                        + "  password: &#39;*** (before)&#39;</td><td class=\"gitops-line-number\">7</td>"
                        + "<td class=\"gitops-new\">  password: &#39;*** (after)&#39;</td></tr>")
                .doesNotContain("ConfigMap/shop/same", Plans.SECRET_VALUE, Plans.base64Secret());
        assertOnlyOwnMarkup(html);
    }

    @Test
    void hostileNamesPathsAndDiffsAreEscaped() {
        Change change = new Change(new ResourceId("", "ConfigMap", HOSTILE, "\" onmouseover=\"x"), Action.UPDATE,
                new Origin("'><img src=x onerror=alert(1)>.yaml", 1), "7",
                "--- live/x\n+++ desired/x\n@@ -1 +1 @@\n-a: " + HOSTILE + "\n+a: </td></tr></table>\n");
        Plan plan = Plans.plan(HOSTILE, List.of(change));

        String html = PlanHtml.summary(plan) + PlanHtml.changesPage(plan, Action.UPDATE, 1, 10);

        assertThat(html).doesNotContain("<script", "<img")
                .contains("+a: &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;", "&quot; onmouseover=&quot;x",
                        "&#39;&gt;&lt;img src=x onerror=alert(1)&gt;.yaml");
        assertOnlyOwnMarkup(html);
    }

    @Test
    void pagesAreBoundedAndLinkToTheirNeighbours() {
        List<Change> changes = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> Plans.update("c" + i)).toList());
        changes.add(Plans.change(new ResourceId("", "ConfigMap", "shop", "new"), null, Plans.configMap("new", "x"),
                new Origin("new.yaml", 1)));
        Plan plan = Plans.plan("prod", changes);

        String second = PlanHtml.changesPage(plan, Action.UPDATE, 2, 10);
        String beyond = PlanHtml.changesPage(plan, Action.UPDATE, 99, 10);

        assertThat(rows(second)).isEqualTo(10);
        assertThat(second).contains("ConfigMap/shop/c10<", "ConfigMap/shop/c19<").doesNotContain("shop/c9<",
                "shop/c20<", "shop/new<");
        assertThat(second).contains("<a href=\"?page=1&amp;action=UPDATE\">Previous</a>",
                "<span class=\"gitops-page\">Page 2 of 3</span>", "<a href=\"?page=3&amp;action=UPDATE\">Next</a>",
                "<a href=\"?page=1&amp;action=CREATE\">Create (1)</a>",
                "<a href=\"?page=1&amp;action=UPDATE\" class=\"gitops-selected\">Update (25)</a>");
        assertThat(rows(beyond)).isEqualTo(5);
        assertThat(beyond).contains("Page 3 of 3", "<span class=\"gitops-disabled\">Next</span>");
    }

    @Test
    void pageSizeIsCapped() {
        List<Change> changes = IntStream.range(0, PlanHtml.MAX_PAGE_SIZE + 50).mapToObj(i -> new Change(
                new ResourceId("", "ConfigMap", "", "c" + i), Action.CREATE, new Origin("c.yaml", 1), null,
                "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n")).toList();

        String html = PlanHtml.changesPage(Plans.plan("prod", changes), null, 1, 1_000_000);

        assertThat(rows(html)).isEqualTo(PlanHtml.MAX_PAGE_SIZE);
        assertThat(html).contains("Page 1 of 2");
    }

    @Test
    void filterPicksOneActionAndNullLeavesUnchangedOut() {
        Plan plan = Plans.mixed();

        assertThat(PlanHtml.changesPage(plan, Action.NOOP, 1, 10)).contains("ConfigMap/shop/same")
                .doesNotContain("Secret/shop/db", "gitops-diff");
        assertThat(PlanHtml.changesPage(plan, Action.DELETE, 1, 10)).contains("Service/shop/old")
                .doesNotContain("Secret/shop/db");
        assertThat(PlanHtml.changesPage(plan, Action.CREATE, 1, 10)).doesNotContain("Service/shop/old");
        assertThat(PlanHtml.changesPage(Plans.plan("prod", List.of()), null, 1, 10)).contains("No changes.",
                "Page 1 of 1");
    }

    @Test
    void longDiffsAreCut() {
        String diff = "--- a\n+++ b\n@@ -1,2497 +0,0 @@\n" + IntStream.range(0, 2497).mapToObj(i -> "-line" + i + "\n")
                .collect(Collectors.joining());
        Change change = new Change(new ResourceId("", "ConfigMap", "", "big"), Action.DELETE, null, "7", diff);

        String html = PlanHtml.changesPage(Plans.plan("prod", List.of(change)), null, 1, 10);

        assertThat(html).contains("-line1996<", "500 more lines not shown").doesNotContain("-line1997<");
    }
}
