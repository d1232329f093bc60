package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import sjsonnet.CachedResolver;
import sjsonnet.DefaultParseCache;
import sjsonnet.Evaluator;
import sjsonnet.Expr;
import sjsonnet.Importer;
import sjsonnet.Interpreter;
import sjsonnet.Lazy;
import sjsonnet.Path;
import sjsonnet.ResolvedFile;
import sjsonnet.Settings;
import sjsonnet.StaticResolvedFile;
import sjsonnet.Std;
import sjsonnet.Val;

/**
 * The one class that touches sjsonnet (and so the Scala library): a Jsonnet file of the commit evaluated to the JSON
 * of each resource it gives. Loaded only when an environment holds Jsonnet, so other renders never load Scala.
 * Imports are read from the commit only, through {@code read}; evaluation stops when its thread is interrupted.
 */
final class JsonnetEvaluation {
    private JsonnetEvaluation() {
    }

    /**
     * A located error of the evaluation: {@code file} is repository-relative ({@code settings} for an error in a
     * top-level argument or external variable), {@code line} 0 when unknown.
     */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final int line;

        Failure(String file, int line, String message) {
            super(message, null, false, false);
            this.file = file;
            this.line = line;
        }

        String file() {
            return file;
        }

        int line() {
            return line;
        }
    }

    /**
     * @param environment the environment directory, searched after the importing file's directory
     * @param libs library directories, searched after it, the last one first (as {@code jsonnet -J})
     * @param read a repository file's text, empty when there is none
     * @return the JSON text of each resource: the object the file gives, or each item of the array it gives
     * @throws Failure when the file does not evaluate or gives something other than objects
     * @throws InterruptedException when the thread was interrupted while evaluating
     */
    static List<String> evaluate(String file, String source, Map<String, String> extCode, Map<String, String> tlaCode,
            String environment, List<String> libs, Function<String, Optional<String>> read)
            throws Failure, InterruptedException {
        scala.Function1<String, BoxedUnit> ignoreWarnings = warning -> BoxedUnit.UNIT;
        Interpreter interpreter = new Interpreter(scalaMap(extCode), scalaMap(tlaCode), new RepoPath(environment),
                new SnapshotImporter(environment, libs, read), new DefaultParseCache(),
                new Settings(false, false, false, false, false, false), null, ignoreWarnings, new Std().Std()) {
            @Override
            public Evaluator createEvaluator(CachedResolver resolver, scala.Function1<String, Option<Expr>> extVars,
                    Path wd, Settings settings, scala.Function1<sjsonnet.Error, BoxedUnit> warn) {
                return new InterruptibleEvaluator(resolver, extVars, wd, settings, warn);
            }
        };
        try {
            Val evaluated = result(interpreter.evaluate(source, new RepoPath(file)), file);
            if (evaluated instanceof Val.Func function) {
                // As the reference jsonnet and go-jsonnet (Argo CD's): sjsonnet itself ignores an unknown argument.
                List<String> parameters = List.of(function.params().names());
                for (String name : tlaCode.keySet()) {
                    if (!parameters.contains(name)) {
                        throw new Failure(file, 0, "its top-level function has no parameter " + name
                                + ", which jsonnet.tlas gives; it takes " + String.join(", ", parameters));
                    }
                }
            }
            return resources(result(interpreter.materialize(evaluated, ujson.Value$.MODULE$), file), file);
        } catch (StackOverflowError e) {
            throw new Failure(file, 0, "recursion too deep (a function that calls itself without end?)");
        } catch (LinkageError e) {
            // sjsonnet 0.4.9's std.parseYaml calls a SnakeYAML 1.x constructor that SnakeYAML 2 no longer has.
            throw new Failure(file, 0, "calls a standard library function this build cannot run (std.parseYaml is"
                    + " not supported; write the value as Jsonnet or JSON and use std.parseJson)");
        } catch (Exception e) {
            // Scala throws sjsonnet's checked Error undeclared where it parses an argument's code.
            if (e instanceof sjsonnet.Error error) {
                throw failure(error, file);
            }
            throw e;
        }
    }

    private static <T> T result(scala.util.Either<sjsonnet.Error, T> outcome, String file) throws Failure {
        if (outcome.isRight()) {
            return outcome.toOption().get();
        }
        throw failure(outcome.swap().toOption().get(), file);
    }

    private static Failure failure(sjsonnet.Error error, String file) {
        StackTraceElement[] frames = error.getStackTrace();
        // sjsonnet names each frame "path:line" (or "path offset:" where it cannot count lines), innermost first.
        String where = frames.length > 0 && frames[0].getFileName() != null ? frames[0].getFileName() : file;
        int colon = where.lastIndexOf(':');
        String errorFile = colon < 0 ? where : where.substring(0, colon);
        int line = 0;
        if (colon >= 0) {
            try {
                line = Integer.parseInt(where.substring(colon + 1));
            } catch (NumberFormatException e) {
                errorFile = errorFile.replaceFirst(" offset$", "");
            }
        }
        String message = String.valueOf(error.getMessage());
        if (error.getCause() != null && message.regionMatches(true, 0, "Internal error", 0, 14)) {
            message = "the Jsonnet evaluator failed (" + error.getCause().getClass().getSimpleName() + ")";
        }
        return new Failure(errorFile, line, message);
    }

    private static List<String> resources(ujson.Value value, String file) throws Failure {
        List<String> resources = new ArrayList<>();
        if (value instanceof ujson.Obj) {
            resources.add(json(value));
        } else if (value instanceof ujson.Arr array) {
            int index = 0;
            for (ujson.Value item : CollectionConverters.asJava(array.value())) {
                if (!(item instanceof ujson.Obj)) {
                    throw new Failure(file, 0, "item " + index + " of the array it gives is " + type(item)
                            + ", not a resource; give an array of objects");
                }
                resources.add(json(item));
                index++;
            }
        } else {
            throw new Failure(file, 0, "gives " + type(value) + "; a Jsonnet file gives a resource (an object), a"
                    + " List, or an array of them");
        }
        return resources;
    }

    private static String type(ujson.Value value) {
        if (value instanceof ujson.Arr) {
            return "an array";
        }
        if (value instanceof ujson.Str) {
            return "a string";
        }
        if (value instanceof ujson.Num) {
            return "a number";
        }
        return value == ujson.Null$.MODULE$ ? "null" : "a boolean";
    }

    /** Indented, as jsonnet prints it: lines stay short, so the manifest size checks read it as any JSON file. */
    private static String json(ujson.Value value) {
        StringWriter out = new StringWriter();
        value.transform(new sjsonnet.Renderer(out, 2));
        return out.toString();
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
    }

    /** A repository-relative path: what sjsonnet names in errors, and what imports resolve against. */
    private record RepoPath(String path) implements Path {
        @Override
        public String relativeToString(Path other) {
            return path;
        }

        @Override
        public Path parent() {
            return new RepoPath(RepoPaths.parent(path));
        }

        @Override
        public int segmentCount() {
            return path.isEmpty() ? 0 : path.split("/").length;
        }

        @Override
        public String last() {
            return RepoPaths.name(path);
        }

        @Override
        public Path $div(String name) {
            return new RepoPath(RepoPaths.join(path, name));
        }

        @Override
        public String renderOffsetStr(int offset, scala.collection.mutable.HashMap<Path, int[]> loadedFileContents) {
            return path;
        }
    }

    /**
     * Imports as go-jsonnet's file importer resolves them for Argo CD (the importing file's directory, then the
     * library directories, the last one first, then the environment directory), from the commit only: a name that
     * is absolute or climbs out of the repository is refused, and so is a symlink leaving it.
     */
    private static final class SnapshotImporter extends Importer {
        private final List<String> searchDirs = new ArrayList<>();
        private final Function<String, Optional<String>> read;
        /** An import inside a function is resolved at every call: each file is read from Git once. */
        private final Map<String, Optional<String>> texts = new HashMap<>();

        SnapshotImporter(String environment, List<String> libs, Function<String, Optional<String>> read) {
            for (int i = libs.size() - 1; i >= 0; i--) {
                searchDirs.add(libs.get(i));
            }
            searchDirs.add(environment);
            this.read = read;
        }

        @Override
        public Option<Path> resolve(Path docBase, String importName) {
            if (importName.startsWith("/") || importName.contains("\\")) {
                throw refused("import " + importName + " is an absolute path or holds a backslash; import files of the"
                        + " repository by a path relative to the importing file or to a jsonnet.libs directory");
            }
            List<String> bases = new ArrayList<>();
            bases.add(((RepoPath) docBase).path());
            bases.addAll(searchDirs);
            boolean escapes = false;
            for (String base : bases) {
                Optional<String> candidate = RepoPaths.resolve(base, importName);
                if (candidate.isEmpty()) {
                    escapes = true;
                } else if (text(candidate.get()).isPresent()) {
                    return Option.apply(new RepoPath(candidate.get()));
                }
            }
            if (escapes) {
                throw refused("import " + importName + " leaves the repository; only files of the commit are read");
            }
            return Option.empty();
        }

        @Override
        public Option<ResolvedFile> read(Path path) {
            return text(((RepoPath) path).path()).<ResolvedFile>map(StaticResolvedFile::new).map(Option::apply)
                    .orElse(Option.empty());
        }

        private Optional<String> text(String path) {
            Optional<String> text = texts.get(path);
            if (text == null) {
                try {
                    text = read.apply(path);
                } catch (GitopsException e) {
                    throw refused(e.getMessage());
                }
                texts.put(path, text);
            }
            return text;
        }

        /** A Jsonnet error (a checked exception Scala code throws undeclared), located by sjsonnet at the import. */
        private static RuntimeException refused(String message) {
            return Sneaky.<RuntimeException>exception(new sjsonnet.Error(message,
                    scala.collection.immutable.List$.MODULE$.empty(), Option.empty()));
        }
    }

    /** Checks for an interrupt at every expression, so a render past its time limit stops instead of running on. */
    private static final class InterruptibleEvaluator extends Evaluator {
        InterruptibleEvaluator(CachedResolver resolver, scala.Function1<String, Option<Expr>> extVars, Path wd,
                Settings settings, scala.Function1<sjsonnet.Error, BoxedUnit> warn) {
            super(resolver, extVars, wd, settings, warn);
        }

        @Override
        public Val visitExpr(Expr expr, Lazy[] scope) {
            if (Thread.currentThread().isInterrupted()) {
                // sjsonnet turns every non-fatal exception into a Jsonnet error; an InterruptedException is fatal to
                // Scala's NonFatal, so it passes through every handler up to evaluate.
                throw Sneaky.<RuntimeException>exception(new InterruptedException());
            }
            return super.visitExpr(expr, scope);
        }
    }

    /** Throws a checked exception from a method that cannot declare it, as Scala code does. */
    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> T exception(Throwable t) throws T {
            throw (T) t;
        }
    }
}
