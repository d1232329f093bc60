package io.jenkins.plugins.gitops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole suite at toy sizes: every row is produced with plausible figures. Timing targets are not checked. */
class BenchSmokeTest {
    @Test
    void producesEveryRowWithSaneFigures() {
        Settings tiny = new Settings(List.of(30, 120), 0, 1, 20, 1, 0, 1, "256m", 240, "256m", List.of(24, 48),
                List.of(24), 0, "off", "on", 300);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        List<Row> rows = Bench.run(tiny, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rows).extracting(r -> r.measure().replaceAll("\\(\\d+ changes\\)", "(N changes)"))
                .containsExactlyElementsOf(expectedRows());
        assertThat(rows).filteredOn(r -> !r.measure().equals(HelmBench.NO_HELM)).allSatisfy(r -> {
            assertThat(r.min()).isFinite().isLessThanOrEqualTo(r.median());
            if (!r.measure().startsWith("load average")) { // an idle machine may report 0
                assertThat(r.min()).isPositive();
            }
            assertThat(r.met() == null).isEqualTo(r.target().isEmpty());
        });
        // A render's peak counts the Helm it started: more than helm template alone, and a JVM's worth at least.
        assertThat(rows).filteredOn(r -> r.measure().contains(": peak RSS, engine render"))
                .allSatisfy(r -> assertThat(r.min()).isGreaterThan(30));
        // Peak heap is measured inside the capped child JVM, so it cannot exceed the cap.
        assertThat(rows).filteredOn(r -> r.measure().contains("peak heap used"))
                .allSatisfy(r -> assertThat(r.min()).isLessThan(256));
        // GET per object sends a request per object; LIST fewer at 48 objects in 4 namespaces of 12 kinds.
        assertThat(rows).filteredOn(r -> r.measure().equals("k8s plan 48: LIST requests as % of GET-per-object"))
                .singleElement().satisfies(r -> assertThat(r.median()).isLessThan(100));

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Bench.print(tiny, rows, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8).lines()).hasSize(rows.size() + 2);
    }

    private static List<String> peakRows(String chart) {
        return List.of(chart + ": peak RSS, helm template", chart + ": peak RSS, engine render + helm binary",
                chart + ": peak RSS, engine render + bundled Helm's child JVM");
    }

    private static List<String> expectedRows() {
        List<String> rows = new ArrayList<>(List.of("load average (1 min) before directory plans",
                "plan 30 (N changes)", "SnakeYAML parse of the same 30", "peak heap used 30 (in -Xmx256m)",
                "peak heap live 30",
                "plan 120 (N changes)", "SnakeYAML parse of the same 120", "peak heap used 120 (in -Xmx256m)",
                "peak heap live 120",
                "plan time ratio 120/30", "peak live heap ratio 120/30", "plan/parse ratio at 120",
                "load average (1 min) before the directory plan of 240",
                "plan 240 (N changes)", "SnakeYAML parse of the same 240", "peak heap used 240 (in -Xmx256m)",
                "plan time ratio 240/120", "plan/parse ratio at 240",
                "render one file of 10000 small documents", "render one file of 100000 small documents",
                "one-file render time ratio 100000/10000", "refuse a 50 MB value (read, size check, error)"));
        // CI installs helm (.ci/install-helm); without one the section says how to get it, in one row.
        if (HelmBench.helmBinary().isPresent()) {
            for (String chart : List.of("small chart (10 templates)",
                    "large chart (" + HelmBench.LARGE_DOCUMENTS + " documents)")) {
                rows.addAll(List.of(chart + ": helm template", chart + ": engine render, helm binary",
                        chart + ": engine render, bundled Helm in a child JVM",
                        chart + ": engine (helm binary) / helm template"));
                rows.addAll(peakRows(chart));
            }
            String huge = "huge chart (300 documents)";
            rows.addAll(List.of(huge + ": helm template, new process", huge + ": engine render, helm binary, new process",
                    huge + ": engine render, bundled Helm, new process"));
            rows.addAll(peakRows(huge));
        } else {
            rows.add(HelmBench.NO_HELM);
        }
        rows.addAll(List.of(
                "HTML first view (N changes): read plan + summary + page 1", "HTML first view size",
                "load average (1 min) before the apply parallelism runs",
                "apply 20, one at a time", "apply 20, parallelism 16", "apply speed-up, parallel vs one at a time"));
        for (int size : List.of(24, 48)) {
            rows.add("load average (1 min) before k8s plans of " + size);
            for (String diff : List.of("client", "server")) {
                for (String reads : List.of("LIST", "GET")) {
                    rows.addAll(List.of("k8s plan " + size + " (N changes), " + diff + " diff, " + reads + " reads",
                            "  CPU time per plan (the client's process)", "  requests per plan", "  server-side peak concurrent requests",
                            "  peak heap used (in -Xmx256m)"));
                }
            }
            rows.addAll(List.of("k8s plan " + size + ": LIST requests as % of GET-per-object",
                    "k8s plan " + size + ": time GET-per-object / LIST, client diff",
                    "k8s plan " + size + ": time GET-per-object / LIST, server diff"));
            if (Kubectl.available()) {
                rows.addAll(List.of("kubectl diff --server-side " + size, "  requests",
                        "  server-side peak concurrent requests",
                        "k8s plan " + size + " (server diff) speed-up vs kubectl diff"));
            }
        }
        rows.addAll(List.of("load average (1 min) before k8s applies of 24", "k8s apply 24 (create all)",
                "  requests", "  server-side peak concurrent requests"));
        if (Kubectl.available()) {
            rows.addAll(List.of("kubectl apply --server-side 24", "  requests", "  server-side peak concurrent requests",
                    "k8s apply 24 speed-up vs kubectl apply", "k8s apply 24 at 0 ms per request (CPU floor)",
                    "kubectl apply --server-side 24 at 0 ms per request",
                    "k8s plan and apply 24 in a new JVM, start to exit"));
        }
        return rows;
    }
}
