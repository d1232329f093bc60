package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.SourceFile;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders {@code *.jsonnet} files in-process, as Argo CD renders a directory's Jsonnet: each file is evaluated on
 * its own with the environment's top-level arguments and external variables ({@link JsonnetSettings}); the object
 * it gives is a resource (a List is replaced by its items), an array gives one resource per item. Imports
 * ({@code *.libsonnet} and anything else) are read from the commit only. Each resource is located at its file.
 * Evaluation runs on a thread of its own, stopped at the render time limit.
 */
public final class Jsonnet {
    private static final Logger LOG = System.getLogger(Jsonnet.class.getName());
    private static final String EXTENSION = ".jsonnet";
    private static final String LIBRARY_EXTENSION = ".libsonnet";
    public static final Duration DEFAULT_TIMEOUT = Kustomize.DEFAULT_TIMEOUT;
    /** Deeply nested Jsonnet (kube-prometheus' mixins) recurses deeper than a default thread stack allows. */
    private static final long STACK_BYTES = 64L * 1024 * 1024;

    private final Duration timeout;

    public Jsonnet(Duration timeout) {
        this.timeout = timeout;
    }

    public static Jsonnet withDefaultTimeout() {
        return new Jsonnet(DEFAULT_TIMEOUT);
    }

    /** The Jsonnet files of one render, which share its settings. */
    Run run(SourceSnapshot snapshot, RenderOptions options, Variables variables) {
        return new Run(snapshot, options, variables);
    }

    final class Run {
        private final SourceSnapshot snapshot;
        private final RenderOptions options;
        private final Variables variables;
        private Arguments arguments;

        private Run(SourceSnapshot snapshot, RenderOptions options, Variables variables) {
            this.snapshot = snapshot;
            this.options = options;
            this.variables = variables;
        }

        /** The resources of one {@code .jsonnet} file; problems are added to {@code problems}. */
        List<LocatedDocument> render(SourceFile file, List<Problem> problems) {
            if (arguments == null) {
                // Once per render: a mistake in the settings is one problem, not one per file.
                arguments = Arguments.of(options.jsonnet(), variables, options.variables(), problems);
            }
            if (!arguments.valid()) {
                return List.of();
            }
            List<String> resources = evaluate(file, problems);
            List<LocatedDocument> documents = new ArrayList<>();
            Origin origin = new Origin(file.path(), 0);
            for (String resource : resources) {
                documents.addAll(Manifests.read(file.path(), resource.getBytes(StandardCharsets.UTF_8), options,
                        variables, mark -> origin, problems));
            }
            return documents;
        }

        private List<String> evaluate(SourceFile file, List<Problem> problems) {
            JsonnetSettings settings = options.jsonnet();
            String source = new String(file.content(), StandardCharsets.UTF_8);
            FutureTask<List<String>> task = new FutureTask<>(() -> JsonnetEvaluation.evaluate(file.path(), source,
                    arguments.extVars(), arguments.tlas(), snapshot.path(), settings.libs(),
                    path -> snapshot.file(path).map(f -> new String(f.content(), StandardCharsets.UTF_8))));
            Thread thread = new Thread(null, task, "gitops-jsonnet " + file.path(), STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
            long started = System.nanoTime();
            try {
                List<String> resources = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.log(Level.DEBUG, () -> file.path() + ": evaluated by sjsonnet in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms, " + resources.size() + " resource(s)");
                return resources;
            } catch (TimeoutException e) {
                thread.interrupt();
                problems.add(new Problem(new Origin(file.path(), 0), "Jsonnet did not finish within "
                        + timeout.toSeconds() + " s; simplify it or check for a computation without end"));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof JsonnetEvaluation.Failure failure)) {
                    // Its class only: an unexpected exception's message may quote the input.
                    throw new GitopsException("Jsonnet " + file.path() + " cannot be rendered ("
                            + e.getCause().getClass().getName() + ")", e.getCause());
                }
                problems.add(problem(file.path(), failure, settings));
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new GitopsException("interrupted while rendering Jsonnet " + file.path(), e);
            }
            return List.of();
        }

        private Problem problem(String file, JsonnetEvaluation.Failure failure, JsonnetSettings settings) {
            String message = arguments.mask(failure.getMessage());
            if (failure.file().contains("<")) {
                // Code of a top-level argument or external variable, which the settings hold.
                return new Problem(new Origin(settings.origin().isEmpty() ? file : settings.origin(), 0),
                        "Jsonnet failed in the jsonnet settings' " + failure.file().replaceFirst("^.*/", "")
                                + " while rendering " + file + ": " + message);
            }
            String context = failure.file().equals(file) ? "" : " (rendering " + file + ")";
            return new Problem(new Origin(failure.file(), failure.line()), "Jsonnet failed" + context + ": " + message);
        }
    }

    /**
     * The settings' arguments as Jsonnet code, variables substituted, and the values of the variables they use,
     * which an error message must not show.
     */
    private record Arguments(Map<String, String> tlas, Map<String, String> extVars, Set<String> secrets,
            boolean valid) {
        static Arguments of(JsonnetSettings settings, Variables variables, Map<String, String> values,
                List<Problem> problems) {
            Origin origin = new Origin(settings.origin().isEmpty() ? "jsonnet" : settings.origin(), 0);
            int before = problems.size();
            Set<String> used = new LinkedHashSet<>();
            Map<String, String> tlas = code(settings.tlas(), "jsonnet.tlas", variables, values, used, origin,
                    problems);
            Map<String, String> extVars = code(settings.extVars(), "jsonnet.extVars", variables, values, used, origin,
                    problems);
            return new Arguments(tlas, extVars, used, problems.size() == before);
        }

        String mask(String message) {
            String masked = message;
            // Longest first, so a value holding another is masked whole.
            for (String secret : secrets.stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
                masked = masked.replace(secret, "***");
            }
            return masked;
        }

        private static Map<String, String> code(Map<String, JsonnetSettings.Argument> arguments, String where,
                Variables variables, Map<String, String> values, Set<String> used, Origin origin,
                List<Problem> problems) {
            Map<String, String> code = new LinkedHashMap<>();
            arguments.forEach((name, argument) -> {
                Object value = substitute(argument.value(), where + "." + name, variables, values, used, origin,
                        problems);
                if (argument.code() && value instanceof String text) {
                    code.put(name, text);
                } else {
                    try {
                        code.put(name, Json.mapper().writeValueAsString(value));
                    } catch (JsonProcessingException e) {
                        throw new GitopsException(where + "." + name + " cannot be written as JSON", e);
                    }
                }
            });
            return code;
        }

        /** Strings substituted wherever they are in the value; no error quotes the value (it may be a secret). */
        private static Object substitute(Object value, String where, Variables variables, Map<String, String> values,
                Set<String> used, Origin origin, List<Problem> problems) {
            if (value instanceof String text) {
                Variables.Result result = variables.substitute(text);
                for (String name : result.unknown()) {
                    problems.add(new Problem(origin, where + ": variable ${" + name + "} has no value; supply it or"
                            + " write a default as ${" + name + ":=default}"));
                }
                result.invalid().forEach(message -> problems.add(new Problem(origin, where + ": " + message)));
                if (result.changed()) {
                    values.forEach((name, v) -> {
                        if (!v.isEmpty() && (text.contains("${" + name + "}") || text.contains("${" + name + ":="))) {
                            used.add(v);
                        }
                    });
                }
                return result.text();
            }
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, substitute(v, where + "." + k, variables, values, used, origin,
                        problems)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                for (Object item : list) {
                    copy.add(substitute(item, where, variables, values, used, origin, problems));
                }
                return copy;
            }
            return value;
        }
    }

    /** Whether a file is rendered as Jsonnet; {@code .libsonnet} files are imported, never rendered themselves. */
    static boolean isJsonnet(String path) {
        return path.endsWith(EXTENSION);
    }

    static boolean isLibrary(String path) {
        return path.endsWith(LIBRARY_EXTENSION);
    }
}
