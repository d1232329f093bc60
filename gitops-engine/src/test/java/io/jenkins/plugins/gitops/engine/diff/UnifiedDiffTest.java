package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.jenkins.plugins.gitops.engine.model.Canonical;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.Edit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The diff text plans store must not change with the algorithm behind it: every case here is compared with what
 * java-diff-utils' Myers diff and UnifiedDiffUtils (the engine's diff until 2026-12) write for the same lines.
 */
class UnifiedDiffTest {
    private static final String FROM = "live/ConfigMap/shop/cfg";
    private static final String TO = "desired/ConfigMap/shop/cfg";

    /** What plans held before: java-diff-utils' Myers diff written by UnifiedDiffUtils. */
    static String myers(List<String> before, List<String> after) {
        StringBuilder text = new StringBuilder();
        UnifiedDiffUtils.generateUnifiedDiff(FROM, TO, before, DiffUtils.diff(before, after), 3)
                .forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    @Test
    void formatWritesWhatUnifiedDiffUtilsWritesForTheSameEdits() {
        Random random = new Random(24);
        for (int round = 0; round < 2_000; round++) {
            List<String> before = randomLines(random);
            List<String> after = mutate(random, before);
            List<Edit> edits = new ArrayList<>();
            for (AbstractDelta<String> d : DiffUtils.diff(before, after).getDeltas()) {
                edits.add(new Edit(d.getSource().getPosition(), d.getSource().getPosition() + d.getSource().size(),
                        d.getTarget().getPosition(), d.getTarget().getPosition() + d.getTarget().size()));
            }

            assertThat(UnifiedDiff.format(FROM, TO, before, after, edits))
                    .as("round %d: %s -> %s", round, before, after).isEqualTo(myers(before, after));
        }
    }

    @Test
    void createAndDeleteAreOneHunkOfEveryLineWithoutDiffing() {
        List<String> body = IntStream.range(0, 50).mapToObj(i -> "  key" + i % 7 + ": value").toList();

        assertThat(UnifiedDiff.between(FROM, TO, List.of(), body)).isEqualTo(myers(List.of(), body))
                .startsWith("--- " + FROM + "\n+++ " + TO + "\n@@ -1,0 +1,50 @@\n+  key0: value\n");
        assertThat(UnifiedDiff.between(FROM, TO, body, List.of())).isEqualTo(myers(body, List.of()))
                .contains("@@ -1,50 +1,0 @@\n-  key0: value\n");
        assertThat(UnifiedDiff.edits(List.of(), body)).containsExactly(new Edit(0, 0, 0, 50));
    }

    @Test
    void equalLinesGiveNoText() {
        assertThat(UnifiedDiff.between(FROM, TO, List.of("a", "b"), List.of("a", "b"))).isEmpty();
    }

    /**
     * Every YAML document among the test fixtures (real manifests from podinfo, microservices-demo and the
     * kube-prometheus-like corpus), in canonical form, with edits as plans see them: a changed value, a removed or
     * added line, two distant changes, a replaced block, a repeated line.
     */
    @Test
    void fixturesDiffAsTheyDidWithMyers() throws IOException {
        List<List<String>> documents = fixtureDocuments();
        assertThat(documents).hasSizeGreaterThan(40);
        int compared = 0;
        for (List<String> before : documents) {
            for (List<String> after : edits(before)) {
                assertThat(UnifiedDiff.between(FROM, TO, before, after)).isEqualTo(myers(before, after));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(200);
    }

    /**
     * Past what Myers may cost, the histogram diff's edits are written: a 6,000-line text with every fifth line
     * changed (2,400 edits: Myers would walk 35 million steps). Its text, applied to the old lines, gives the new ones.
     */
    @Test
    void aLargeRewriteIsDiffedWithoutMyersAndItsTextStillPatchesBeforeIntoAfter() {
        List<String> before = IntStream.range(0, 6_000).mapToObj(i -> "  field" + i % 50 + ": value " + i).toList();
        List<String> after = IntStream.range(0, 6_000)
                .mapToObj(i -> i % 5 == 0 ? "  field" + i % 50 + ": new " + i : before.get(i)).toList();

        String text = UnifiedDiff.between(FROM, TO, before, after);

        assertThat(applied(text, before)).isEqualTo(after);
        assertThat(text.lines().filter(l -> l.startsWith("-  ")).count()).isEqualTo(1_200);
    }

    @Test
    void randomChangesPatchBeforeIntoAfter() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<String> before = randomLines(random);
            List<String> after = mutate(random, before);

            assertThat(applied(UnifiedDiff.between(FROM, TO, before, after), before)).isEqualTo(after);
        }
    }

    /** Applies a unified diff as patch(1) would, checking every context and removed line against {@code before}. */
    static List<String> applied(String diff, List<String> before) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (String line : diff.lines().skip(2).toList()) {
            if (line.startsWith("@@ -")) {
                int start = Integer.parseInt(line.substring(4, line.indexOf(',')));
                int length = Integer.parseInt(line.substring(line.indexOf(',') + 1, line.indexOf(' ', 4)));
                int from = length == 0 && start == 1 ? 0 : start - 1;
                out.addAll(before.subList(next, Math.max(next, from)));
                next = Math.max(next, from);
            } else if (line.startsWith("+")) {
                out.add(line.substring(1));
            } else {
                assertThat(before.get(next)).isEqualTo(line.substring(1));
                if (line.startsWith(" ")) {
                    out.add(before.get(next));
                }
                next++;
            }
        }
        out.addAll(before.subList(next, before.size()));
        return out;
    }

    static List<List<String>> edits(List<String> lines) {
        int n = lines.size();
        List<List<String>> out = new ArrayList<>();
        out.add(replace(lines, n / 2, lines.get(n / 2) + "-changed"));
        out.add(remove(lines, n / 3, 1));
        out.add(insert(lines, 2 * n / 3, "  added: line"));
        out.add(replace(replace(lines, n / 4, lines.get(n / 4) + "x"), 3 * n / 4, lines.get(3 * n / 4) + "y"));
        if (n > 12) {
            List<String> block = remove(lines, n / 2, 5);
            out.add(insert(insert(block, n / 2, "  new: one"), n / 2 + 1, "  new: two"));
        }
        out.add(insert(lines, n / 2, lines.get(n / 2)));
        out.add(remove(lines, n - 1, 1));
        out.add(insert(lines, 0, "# first"));
        return out;
    }

    private static List<List<String>> fixtureDocuments() throws IOException {
        List<List<String>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                        if (doc instanceof Map<?, ?> map && map.containsKey("kind")) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> body = (Map<String, Object>) map;
                            documents.add(Canonical.yaml(body).lines().toList());
                        }
                    }
                } catch (RuntimeException e) {
                    // a Helm template ({{ ... }}) is no YAML before rendering: not a fixture for this test
                }
            }
        }
        return documents;
    }

    private static List<String> randomLines(Random random) {
        int n = random.nextInt(40);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("line " + random.nextInt(8));
        }
        return lines;
    }

    private static List<String> mutate(Random random, List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int changes = random.nextInt(6); changes > 0; changes--) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.size());
            switch (random.nextInt(3)) {
                case 0 -> out.add(at, "new " + random.nextInt(8));
                case 1 -> {
                    if (!out.isEmpty()) {
                        out.remove(at);
                    }
                }
                default -> {
                    if (!out.isEmpty()) {
                        out.set(at, "changed " + random.nextInt(8));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> replace(List<String> lines, int at, String line) {
        List<String> out = new ArrayList<>(lines);
        out.set(at, line);
        return out;
    }

    private static List<String> remove(List<String> lines, int at, int count) {
        List<String> out = new ArrayList<>(lines);
        out.subList(at, Math.min(out.size(), at + count)).clear();
        return out;
    }

    private static List<String> insert(List<String> lines, int at, String line) {
        List<String> out = new ArrayList<>(lines);
        out.add(at, line);
        return out;
    }
}
