package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Bytes to SnakeYAML node trees, one per non-empty document. Decoding is strict UTF-8 and every failure
 * becomes a located {@link Problem} whose message never quotes the document (SnakeYAML's snippets would).
 */
final class YamlDocuments {
    /**
     * A composed document and the 1-based line it starts at. {@code taggedScalars} holds the mark index of
     * every scalar of the file written with an explicit tag: the node tree alone cannot tell {@code !!str 3}
     * from {@code "3"}, and variable substitution must not retype either.
     */
    record Composed(Node root, int line, Set<Integer> taggedScalars) {
        boolean explicitlyTagged(Node scalar) {
            return taggedScalars.contains(scalar.getStartMark().getIndex());
        }
    }

    private YamlDocuments() {
    }

    /**
     * JSON allows tabs between tokens where YAML does not, so those become spaces. A raw tab inside a string is
     * not valid JSON (it must be written \\t): reported at its line, not silently turned into a space.
     */
    static String jsonTabs(String file, String json, List<Problem> problems) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        int line = 1;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == '\t') {
                if (inString) {
                    problems.add(new Problem(new Origin(file, line), "a tab inside a JSON string is not valid JSON;"
                            + " write it as \\t"));
                }
                out.append(' ');
                escaped = false;
                continue;
            }
            if (inString && escaped) {
                escaped = false;
            } else if (inString && c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = !inString;
            }
            out.append(c);
        }
        return out.toString();
    }

    static List<Composed> compose(String file, byte[] content, RenderOptions options, List<Problem> problems) {
        Optional<Problem> oversized = SizeScan.check(file, content, options);
        if (oversized.isPresent()) {
            // Refused before SnakeYAML sees it: its reader copies its buffer for each long token, so a value of a
            // few megabytes takes minutes to reach its own limit.
            problems.add(oversized.get());
            return List.of();
        }
        Optional<String> text = decode(file, content, problems);
        if (text.isEmpty()) {
            return List.of();
        }
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(options.maxAliases());
        loader.setNestingDepthLimit(options.maxNestingDepth());
        // Sizes are checked in bytes by SizeScan first; SnakeYAML's own limit (per document, in code points) is a
        // second guard.
        loader.setCodePointLimit(options.maxDocumentBytes());
        loader.setProcessComments(false);
        // Nothing is ever instantiated from a tag: NodeConstructor reports each unsupported one with its line,
        // instead of SnakeYAML stopping the whole file at the first.
        loader.setTagInspector(tag -> true);
        String yaml = file.endsWith(".json") ? jsonTabs(file, text.get(), problems) : text.get();
        TrackingParser parser = new TrackingParser(new ParserImpl(new StreamReader(yaml), loader));
        Composer composer = new Composer(parser, ScalarResolver.INSTANCE, loader);
        List<Composed> documents = new ArrayList<>();
        try {
            while (composer.checkNode()) {
                Node root = composer.getNode();
                int line = root.getStartMark().getLine() + 1;
                if (root instanceof ScalarNode && Tag.NULL.equals(root.getTag())) {
                    continue;
                }
                documents.add(new Composed(root, line, parser.taggedScalars));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new Problem(new Origin(file, mark == null ? parser.lastLine : mark.getLine() + 1), describe(e)));
        } catch (ReaderException e) {
            problems.add(new Problem(new Origin(file, lineOfCodePoint(text.get(), e.getPosition())),
                    String.format("the character U+%04X is not allowed in YAML; remove it", e.getCodePoint())));
        } catch (YAMLException e) {
            problems.add(unmarked(file, e, parser, options));
        }
        return documents;
    }

    private static Problem unmarked(String file, YAMLException e, TrackingParser parser, RenderOptions options) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("The incoming YAML document exceeds the limit")) {
            return oversized(file, parser.lastDocumentLine, options);
        }
        if (message.startsWith("Number of aliases")) {
            return new Problem(new Origin(file, parser.lastLine), "more than " + options.maxAliases()
                    + " aliases to lists or maps in one document (an alias bomb?); write the repeated parts out");
        }
        if (message.startsWith("Nesting Depth exceeded")) {
            return new Problem(new Origin(file, parser.lastLine), "nested deeper than " + options.maxNestingDepth()
                    + " levels; flatten the document");
        }
        return new Problem(new Origin(file, parser.lastLine), "invalid YAML: " + redact(message));
    }

    static Problem oversized(String file, int line, RenderOptions options) {
        return new Problem(new Origin(file, line), "the document starting at line " + line + " is larger than "
                + options.maxDocumentBytes() + " bytes; split it into smaller documents");
    }

    /**
     * SnakeYAML's problem and context texts, without what they quote of the document: its full message would add
     * a snippet, and its short texts name aliases, anchors, tags and characters, which in an unquoted value that
     * starts with '*', '&amp;' or '!' are the value itself (a password, say).
     */
    static String describe(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        if (problem.contains("(TAB)")) {
            return "a tab is used for indentation; YAML allows only spaces there";
        }
        return "invalid YAML: " + problemOf(e);
    }

    /** What SnakeYAML found wrong, with nothing of the document in it. */
    static String problemOf(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        if (problem.startsWith("found undefined alias")) {
            return "an alias names no anchor (an unquoted value starting with '*' is read as an alias; quote it if"
                    + " it is text)";
        }
        if (problem.startsWith("could not determine a constructor for the tag")) {
            return "a custom tag is not supported (an unquoted value starting with '!' is read as a tag; quote it if"
                    + " it is text)";
        }
        return redact((e.getContext() == null ? "" : e.getContext() + ": ") + problem);
    }

    /** A quoted snippet, with the code point SnakeYAML may add: {@code ':'}, {@code ' '(32)}, {@code "..."}. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'(\\(\\d+\\))?|\"([^\"]*)\"");
    /** A character SnakeYAML names unquoted, with its code point: {@code q(113)}. */
    private static final Pattern CHARACTER = Pattern.compile("(?<![\\w'])(\\S)\\((\\d+)\\)");
    /** Token names, parser wording that cannot come from the document: {@code '<block mapping start>'}. */
    private static final Pattern TOKEN = Pattern.compile("<[a-z ]+>");
    private static final Pattern NAMED = Pattern.compile("\\b((?:alias|anchor|handle)s?)\\s+[^\\s;,]+");
    /** Tags and whatever follows "found:" are the document's own text. */
    private static final Pattern TAG = Pattern.compile("tag:[^\\s;]+|(?<!')![^\\s';]+");
    private static final Pattern FOUND_TEXT = Pattern.compile("(found:)\\s.*");

    /**
     * What is wrong stays, in SnakeYAML's words and punctuation ({@code expected ',' or ']', but got ':'}); what the
     * document holds goes: a quoted or named character that is a letter or digit (it may begin a secret), a longer
     * snippet, a name after alias, anchor or handle, a tag, and any text after "found:".
     */
    static String redact(String text) {
        String out = QUOTED.matcher(text).replaceAll(m -> Matcher.quoteReplacement(quoted(m)));
        out = CHARACTER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                isPunctuation(m.group(1)) ? m.group() : "a letter or digit"));
        out = FOUND_TEXT.matcher(out).replaceAll("$1 (text withheld)");
        out = TAG.matcher(out).replaceAll("(a tag)");
        return NAMED.matcher(out).replaceAll("$1");
    }

    private static String quoted(MatchResult m) {
        String inner = m.group(1) != null ? m.group(1) : m.group(3);
        if (isPunctuation(inner) || TOKEN.matcher(inner).matches()) {
            return m.group();
        }
        return inner.codePointCount(0, inner.length()) == 1 ? "a letter or digit" : "(text withheld)";
    }

    /** One to three characters, none a letter or digit: YAML's indicators, brackets, quotes and spaces. */
    private static boolean isPunctuation(String text) {
        return !text.isEmpty() && text.length() <= 3 && text.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    private static Optional<String> decode(String file, byte[] content, List<Problem> problems) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                problems.add(new Problem(new Origin(file, lineOfByte(content, i)),
                        "this is a binary file (it holds NUL bytes), not UTF-8 text; remove it or rename it"));
                return Optional.empty();
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            problems.add(new Problem(new Origin(file, lineOfByte(content, in.position())),
                    "this line holds bytes that are not valid UTF-8; save the file as UTF-8"));
            return Optional.empty();
        }
        out.flip();
        String text = out.toString();
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static int lineOfByte(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOfCodePoint(String text, int codePoints) {
        int end = text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return (int) text.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Remembers where the parser is, for SnakeYAML errors that carry no mark (limits). */
    private static final class TrackingParser implements Parser {
        private final Parser delegate;
        int lastLine = 1;
        int lastDocumentLine = 1;
        private boolean documentStarted;
        final Set<Integer> taggedScalars = new HashSet<>();

        TrackingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            lastLine = event.getStartMark().getLine() + 1;
            if (documentStarted) {
                // The root node's line, where the document's content starts (after any '---').
                lastDocumentLine = lastLine;
            }
            documentStarted = event.is(Event.ID.DocumentStart);
            if (documentStarted) {
                lastDocumentLine = lastLine;
            } else if (event instanceof ScalarEvent scalar && scalar.getTag() != null) {
                taggedScalars.add(event.getStartMark().getIndex());
            }
            return event;
        }
    }
}
