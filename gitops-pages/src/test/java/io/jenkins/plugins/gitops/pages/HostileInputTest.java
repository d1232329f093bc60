package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's views print the pages' HTML as it is ({@code j:out}), so the pages alone keep a page safe. Every public
 * static method of this module that returns a String, found by reflection (a new one is covered, or fails here for a
 * parameter type it has no hostile value for), is called with hostile text in every string it is given: a script
 * element, an attribute break-out, quotes, an ampersand, a right-to-left override, a terminal escape, zero-width
 * characters, a {@code javascript:} URL, and all of them repeated into a 200 KB string.
 */
class HostileInputTest {
    private static final String LONG = ("<script>alert(1)</script>\"onx=1 x=\"'&\u202E\u001b[31m\u200B").repeat(5_000);
    private static final List<String> HOSTILE = List.of("<script>alert(1)</script>", "\"onx=1 x=\"", "'", "&",
            "view-\u202Enimda", "\u001b[31mred\u001b[0m", "zero\u200Bwidth\uFEFF\u2066", "javascript:alert(1)",
            "/job/\"onx=1 x=\"/1/", LONG);

    /** An element, with attributes that each have a quoted value free of quotes and angle brackets, or none. */
    private static final Pattern TAG = Pattern.compile("</?([a-z][a-z0-9]*)((?:\\s+[a-z][a-z-]*(?:=\"[^\"<>]*\")?)*)\\s*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z][a-z-]*)(?:=\"([^\"]*)\")?");
    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt|quot|#39);");
    private static final Pattern URL_ATTRIBUTE = Pattern.compile("href|src|action|formaction|data-gitops-diff");

    @Test
    void everyPublicHtmlMethodEscapesEveryHostileString() throws Exception {
        List<Method> methods = htmlMethods();
        assertThat(methods).as("the public String methods of gitops-pages").hasSizeGreaterThanOrEqualTo(11);
        StringBuilder all = new StringBuilder();
        for (Method method : methods) {
            List<List<?>> candidates = new ArrayList<>();
            for (Type type : method.getGenericParameterTypes()) {
                Supplier<List<?>> values = VALUES.get(type.getTypeName());
                if (values == null) {
                    fail(method + " takes a " + type.getTypeName() + ", for which this test has no hostile value: add"
                            + " one to VALUES");
                }
                candidates.add(values.get());
            }
            for (List<Object> args : product(candidates)) {
                String html = call(method, args);
                assertSafe(method, html);
                if (html.length() < 1_000_000) {
                    all.append(html);
                }
            }
        }
        // The hostile strings reached the output, escaped: the assertions above read the text they were meant to.
        assertThat(all.toString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;onx=1 x=&quot;", "&#39;",
                "&amp;", "view-(U+202E)nimda", "\uFFFD[31mred", "zero(U+200B)width(U+FEFF)(U+2066)");
    }

    /** The public static methods of the module's public classes that return a String. */
    private static List<Method> htmlMethods() {
        List<Method> methods = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(HostileInputTest.class.getPackageName())) {
            Class<?> type = c.reflect();
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers())
                    && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == String.class).forEach(methods::add);
        }
        methods.sort(Comparator.comparing(Method::toString));
        return methods;
    }

    private static String call(Method method, List<Object> args) throws IllegalAccessException {
        try {
            return (String) method.invoke(null, args.toArray());
        } catch (InvocationTargetException e) {
            throw new AssertionError(method + " failed on hostile input " + shorten(args), e.getCause());
        }
    }

    private static void assertSafe(Method method, String html) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        // A javascript: URL may show as text; only a link attribute would run it (checked below).
        for (String raw : List.of("<script", "\u202E", "\u001b", "\u200B", "\uFEFF", "\u2066")) {
            int at = html.toLowerCase(Locale.ROOT).indexOf(raw);
            if (at >= 0) {
                String what = raw.startsWith("<") ? raw : String.format("U+%04X", (int) raw.charAt(0));
                fail(where + " lets " + what + " through: " + excerpt(html, at));
            }
        }
        for (int i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
            Matcher tag = TAG.matcher(html).region(i, html.length());
            if (!tag.lookingAt()) {
                fail(where + " writes a '<' that starts no well-formed tag: " + excerpt(html, i));
            }
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1);
                String value = attribute.group(2) == null ? "" : attribute.group(2);
                assertThat(name).as(where + ": an event attribute in " + tag.group()).doesNotStartWith("on");
                if (URL_ATTRIBUTE.matcher(name).matches()) {
                    assertThat(value).as(where + ": a link to another scheme in " + tag.group())
                            .matches("(https?://|/|\\?|[a-z]+\\?n=).*");
                }
            }
        }
        for (int i = html.indexOf('&'); i >= 0; i = html.indexOf('&', i + 1)) {
            if (!ENTITY.matcher(html).region(i, html.length()).lookingAt()) {
                fail(where + " writes an unescaped '&': " + excerpt(html, i));
            }
        }
    }

    /** Candidate values per parameter type, by the type's name as reflection gives it (generics included). */
    private static final Map<String, Supplier<List<?>>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("java.lang.String", () -> HOSTILE);
        VALUES.put("int", () -> List.of(-1, 0, 1, 2, 3, 4, 99));
        VALUES.put(Phase.class.getName(), () -> List.of(Phase.values()));
        VALUES.put(Plan.class.getName(), () -> List.of(plan()));
        VALUES.put(PlanSummary.class.getName(), () -> List.of(new PlanSummary(1, 0, 2, 3, 1)));
        VALUES.put(PageLinks.class.getName(), () -> HOSTILE.stream().map(s -> new PageLinks(s, s, s, s)).toList());
        VALUES.put(PlanHtml.Query.class.getTypeName(), () -> HOSTILE.stream().flatMap(s -> Stream.of(
                new PlanHtml.Query(null, s, 1, 50), new PlanHtml.Query(Action.UPDATE, s, 2, 1))).toList());
        VALUES.put("java.util.List<java.lang.String>", () -> List.of(HOSTILE.stream().flatMap(s -> Stream.of(s,
                "Deployment.apps/shop/" + s + ": FAILED (" + s + ")")).toList()));
        VALUES.put("java.util.List<" + Outcome.class.getName() + ">", () -> List.of(outcomes()));
        VALUES.put("java.util.List<" + StepRecord.class.getName() + ">", () -> List.of(records()));
        VALUES.put(MetricsReport.class.getName(), () -> HOSTILE.stream().map(MetricsHtmlTest::report).toList());
        VALUES.put(EnvironmentMetrics.class.getName(), () -> List.of(MetricsHtmlTest.report(LONG).environments().get(0)));
    }

    /** Every field of the plan and of each change hostile, with diffs that reach the unified and split views. */
    private static Plan plan() {
        List<Change> changes = new ArrayList<>();
        for (String s : HOSTILE) {
            String diff = "--- a\n+++ b\n@@ -1,3 +1,3 @@\n " + s + "\n-value: " + s + "\n+value: x" + s + "y\n-only: "
                    + s + "\n";
            changes.add(new Change(new ResourceId(s, s, s, s), Action.UPDATE, new Origin(s, 3), "1", diff,
                    List.of(s, "spec." + s)));
            changes.add(new Change(new ResourceId("", "Secret", s, s), Action.UPDATE, new Origin(s, 1), "1",
                    diff.replace("value: x", "value: *** (after)") + " pw: ***\n", List.of(s)));
            changes.add(new Change(new ResourceId("batch", "Job", s, s), Action.RUN, new Origin(s, 2), null,
                    "--- a\n+++ b\n@@ -0,0 +1 @@\n+name: " + s + "\n"));
        }
        changes.add(new Change(new ResourceId("", "ConfigMap", "shop", "new"), Action.CREATE, null, null,
                "--- a\n+++ b\n@@ -0,0 +1 @@\n+" + LONG + "\n"));
        return new Plan(HOSTILE.get(0), HOSTILE.get(1), HOSTILE.get(2), HOSTILE.get(3), HOSTILE.get(4), HOSTILE.get(5),
                true, Instant.parse("2026-01-01T00:00:00Z"), changes, HOSTILE.get(8), "https://github.com/" + LONG,
                HOSTILE.get(6), HOSTILE);
    }

    private static List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (String s : HOSTILE) {
            ResourceId id = new ResourceId(s, s, s, s);
            outcomes.add(new Outcome(id, Action.UPDATE, Outcome.Status.FAILED, s));
            outcomes.add(new Outcome(id, Action.CREATE, Outcome.Status.SKIPPED, null));
            outcomes.add(new Outcome(id, Action.DELETE, Outcome.Status.DONE, null));
        }
        return outcomes;
    }

    /** Applies and verifies, failed and not, with hostile names and DORA figures reported for a hostile environment. */
    private static List<StepRecord> records() {
        List<StepRecord> records = new ArrayList<>();
        int build = 1;
        for (String s : HOSTILE) {
            String metrics = json(MetricsHtmlTest.report(s));
            Instant time = Instant.parse("2026-03-03T12:00:00Z").plusSeconds(60L * build);
            records.add(new StepRecord(new StepRecord.Build(build++, s, time, s), "apply", s, s, s,
                    new PlanSummary(1, 2, 3, 0), new StepRecord.Outcome(false, false, 0), metrics));
            records.add(new StepRecord(new StepRecord.Build(build++, s, time.plusSeconds(1), s), "verify", s, s, s,
                    new PlanSummary(1, 0, 0, 0), new StepRecord.Outcome(false, true, 2), metrics));
            records.add(new StepRecord(new StepRecord.Build(build++, s, time.plusSeconds(2), s), s, s, s + "2", s,
                    new PlanSummary(0, 0, 0, 0), new StepRecord.Outcome(true, false, 0), s));
        }
        return records;
    }

    private static String json(MetricsReport report) {
        try {
            return Json.mapper().writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Object>> product(List<List<?>> candidates) {
        List<List<Object>> out = new ArrayList<>();
        out.add(List.of());
        for (List<?> values : candidates) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : out) {
                for (Object value : values) {
                    List<Object> args = new ArrayList<>(prefix);
                    args.add(value);
                    next.add(args);
                }
            }
            out = next;
        }
        return out;
    }

    private static String excerpt(String html, int at) {
        return html.substring(Math.max(0, at - 60), Math.min(html.length(), at + 80));
    }

    private static String shorten(List<Object> args) {
        return args.stream().map(a -> String.valueOf(a)).map(a -> a.length() > 80 ? a.substring(0, 80) + "..." : a)
                .toList().toString();
    }
}
