package io.jenkins.plugins.gitops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole suite at toy sizes: every row is produced with plausible figures. Timing targets are not checked. */
class BenchSmokeTest {
    @Test
    void producesEveryRowWithSaneFigures() {
        Settings tiny = new Settings(List.of(30, 120), 0, 1, 20, 1, 0, 1, "256m", 240, "256m",
                List.of(24, 48), List.of(24));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        List<Row> rows = Bench.run(tiny, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rows).extracting(Row::measure).containsExactly(
                "plan 30 (3 changes)", "SnakeYAML parse of the same 30", "peak heap used 30 (in -Xmx256m)",
                "peak heap live 30",
                "plan 120 (12 changes)", "SnakeYAML parse of the same 120", "peak heap used 120 (in -Xmx256m)",
                "peak heap live 120",
                "plan time ratio 120/30", "peak live heap ratio 120/30", "plan/parse ratio at 120",
                "HTML first view (120 changes): read plan + summary + page 1", "HTML first view size",
                "apply 20, one at a time", "apply 20, parallelism 16", "apply speed-up, parallel vs one at a time");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.min()).isPositive().isFinite().isLessThanOrEqualTo(r.median());
            assertThat(r.met() == null).isEqualTo(r.target().isEmpty());
        });
        // Peak heap is measured inside the capped child JVM, so it cannot exceed the cap.
        assertThat(rows).filteredOn(r -> r.measure().startsWith("peak heap used"))
                .allSatisfy(r -> assertThat(r.min()).isLessThan(256));

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Bench.print(tiny, rows, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8).lines()).hasSize(rows.size() + 2);
    }
}
