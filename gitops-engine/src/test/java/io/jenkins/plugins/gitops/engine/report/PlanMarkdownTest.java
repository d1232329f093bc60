package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanMarkdownTest {
    private static final int LIMIT = PlanMarkdown.CHECKS_API_LIMIT;
    private static final Pattern OPENING = Pattern.compile("^(`{3,})diff$");

    /** What a CommonMark renderer sees: every fence opened by us is closed by its own closing line. */
    private static List<String> fencedBlocks(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = OPENING.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            Pattern closing = Pattern.compile("^ {0,3}`{" + open.group(1).length() + ",}\\s*$");
            StringBuilder block = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !closing.matcher(lines.get(j)).matches()) {
                block.append(lines.get(j++)).append('\n');
            }
            assertThat(j).as("fence opened on line %d is closed", i + 1).isLessThan(lines.size());
            assertThat(lines.get(j)).as("closing fence is exactly ours").isEqualTo(open.group(1));
            assertThat(lines.get(j + 1)).isEmpty();
            assertThat(lines.get(j + 2)).isEqualTo("</details>");
            blocks.add(block.toString());
            i = j;
        }
        return blocks;
    }

    private static void assertBalanced(String markdown) {
        long opened = markdown.lines().filter(l -> l.startsWith("<details>")).count();
        assertThat(markdown.lines().filter(l -> l.equals("</details>")).count()).isEqualTo(opened);
        assertThat(fencedBlocks(markdown)).hasSize((int) opened);
    }

    @Test
    void summaryTableListAndDiffsInCollapsedBlocks() {
        String md = PlanMarkdown.render(Plans.mixed(), LIMIT);

        assertThat(md).startsWith("### GitOps plan: prod\n\nCommit 1a2b3c4d5e6f · path envs/prod\n\n")
                .contains("| Create | Update | Delete | Unchanged |\n|---:|---:|---:|---:|\n| 1 | 1 | 1 | 1 |\n")
                .contains("- `+` create Deployment.apps/shop/web (apps/web.yaml:12)\n",
                        "- `~` update Secret/shop/db (apps/db.yaml:1)\n", "- `-` delete Service/shop/old\n")
                .contains("<details><summary>~ update Secret/shop/db</summary>\n\n```diff\n--- live/Secret/shop/db\n")
                .doesNotContain("ConfigMap/shop/same", "not shown", Plans.SECRET_VALUE, Plans.base64Secret());
        assertThat(fencedBlocks(md)).hasSize(3).anySatisfy(b -> assertThat(b).contains("+  password: '*** (after)'"));
        assertBalanced(md);
    }

    @Test
    void noChanges() {
        Plan plan = Plans.plan("prod", List.of());

        assertThat(PlanMarkdown.render(plan, LIMIT)).contains("| 0 | 0 | 0 | 0 |").endsWith("\nNo changes.\n");
    }

    @Test
    void longPlanStopsAtAWholeResourceUnderTheChecksLimit() {
        List<Change> changes = IntStream.range(0, 500).mapToObj(i -> Plans.update("config-" + i)).toList();

        String md = PlanMarkdown.render(Plans.plan("prod", changes), LIMIT);

        assertThat(md.length()).isLessThanOrEqualTo(LIMIT);
        assertThat(md).contains("- `~` update ConfigMap/shop/config-499 (apps/config-499.yaml:3)\n");
        int shown = fencedBlocks(md).size();
        assertThat(shown).isPositive().isLessThan(500);
        assertThat(md).endsWith("\n… diffs of " + (500 - shown) + " more changes not shown; see the full plan.\n");
        assertBalanced(md);
    }

    @Test
    void listTooLongForTheLimitIsCutWithACount() {
        List<Change> changes = IntStream.range(0, 10_000)
                .mapToObj(i -> new Change(new ResourceId("apps", "Deployment", "shop", "web-" + i), Action.CREATE,
                        new Origin("apps/web-" + i + ".yaml", 1), null, "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"))
                .toList();

        String md = PlanMarkdown.render(Plans.plan("prod", changes), LIMIT);

        assertThat(md.length()).isLessThanOrEqualTo(LIMIT);
        long listed = md.lines().filter(l -> l.startsWith("- `+` create")).count();
        assertThat(md).endsWith("\n… " + (10_000 - listed) + " more changes not shown; see the full plan.\n")
                .doesNotContain("<details>");
    }

    @Test
    void diffContainingFencesCannotBreakOut() {
        String hostile = "--- live/x\n+++ desired/x\n@@ -1,3 +1,3 @@\n ```\n-a: 1\n+a: 2\n ````` </details> <script>\n";
        Change change = new Change(new ResourceId("", "ConfigMap", "shop", "doc"), Action.UPDATE,
                new Origin("doc.yaml", 1), "7", hostile);

        String md = PlanMarkdown.render(Plans.plan("prod", List.of(change, Plans.update("after"))), LIMIT);

        assertThat(md).contains("``````diff\n" + hostile + "``````\n");
        assertThat(fencedBlocks(md)).containsExactly(hostile, Plans.update("after").diff());
        assertBalanced(md);
    }

    @Test
    void truncationKeepsFencesBalancedWhenDiffsHoldFences() {
        String diff = "--- a\n+++ b\n@@ -1,2 +1,2 @@\n ```\n-" + "x".repeat(900) + "\n+y\n";
        List<Change> changes = IntStream.range(0, 200).mapToObj(i -> new Change(
                new ResourceId("", "ConfigMap", "shop", "c" + i), Action.UPDATE, new Origin("c.yaml", 1), "7", diff))
                .toList();

        String md = PlanMarkdown.render(Plans.plan("prod", changes), 20_000);

        assertThat(md.length()).isLessThanOrEqualTo(20_000);
        assertThat(md).contains("more changes not shown; see the full plan.");
        assertBalanced(md);
    }

    @Test
    void markdownAndHtmlInNamesAreEscaped() {
        Change change = new Change(new ResourceId("", "ConfigMap", "shop", "<img src=x>*bold*_[l](http://x)|@team`"),
                Action.UPDATE, new Origin("a|b.yaml", 1), "7", "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n");

        String md = PlanMarkdown.render(Plans.plan("<b>prod</b>", List.of(change)), LIMIT);

        assertThat(md).doesNotContain("<img", "<b>")
                .contains("### GitOps plan: &lt;b&gt;prod&lt;/b&gt;\n")
                .contains("ConfigMap/shop/&lt;img src=x&gt;\\*bold\\*\\_\\[l\\](http://x)\\|\\@team\\` (a\\|b.yaml:1)")
                .contains("<summary>~ update ConfigMap/shop/&lt;img src=x&gt;*bold*_[l](http://x)|@team`</summary>");
    }

    @Test
    void hugeNamesCannotPushTheOutputOverTheLimit() {
        String huge = "&".repeat(100_000);
        Change change = new Change(new ResourceId("", "ConfigMap", huge, huge), Action.DELETE, null, "7",
                "--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n");

        String md = PlanMarkdown.render(Plans.plan(huge, List.of(change)), PlanMarkdown.MIN_CHARS);

        assertThat(md.length()).isLessThanOrEqualTo(PlanMarkdown.MIN_CHARS);
        assertThatThrownBy(() -> PlanMarkdown.render(Plans.mixed(), PlanMarkdown.MIN_CHARS - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
