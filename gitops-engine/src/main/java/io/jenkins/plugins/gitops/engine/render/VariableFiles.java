package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.BoundedFile;
import io.jenkins.plugins.gitops.engine.GitopsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code --var-file}: dotenv lines {@code KEY=VALUE}, optionally quoted with ' or ", {@code #}
 * comments and blank lines. Errors name the file and line but never echo it: the value may be a secret.
 */
public final class VariableFiles {
    /** Far more than any set of variables; a value on its own is held to 1 MiB by the manifests' limits. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private VariableFiles() {
    }

    public static Map<String, String> parse(Path file) {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, MAX_BYTES, "variable file");
        } catch (IOException e) {
            throw new GitopsException("cannot read variable file " + file + " (" + e.getClass().getSimpleName()
                    + "); check that it exists and is readable", e);
        }
        List<String> lines = decode(file, bytes).lines().toList();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> definedAt = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!Variables.NAME.matcher(key).matches()) {
                throw new GitopsException(file + ":" + lineNo
                        + ": expected KEY=VALUE with KEY made of letters, digits and '_' (not starting with a digit)");
            }
            Integer earlier = definedAt.put(key, lineNo);
            if (earlier != null) {
                throw new GitopsException(file + ":" + lineNo + ": " + key + " is already defined at line " + earlier
                        + "; keep one");
            }
            values.put(key, unquote(line.substring(eq + 1).strip(), file, lineNo));
        }
        return values;
    }

    /** Strict UTF-8, so that a file saved in another encoding is refused at its line, not read as other values. */
    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new GitopsException(file + ":" + line + ": this line holds bytes that are not valid UTF-8;"
                    + " save the file as UTF-8");
        }
    }

    private static String unquote(String value, Path file, int lineNo) {
        if (value.isEmpty() || (value.charAt(0) != '"' && value.charAt(0) != '\'')) {
            return value;
        }
        char quote = value.charAt(0);
        if (value.length() < 2 || value.charAt(value.length() - 1) != quote) {
            throw new GitopsException(file + ":" + lineNo + ": the value opens a " + quote
                    + " quote that does not close at the end of the line");
        }
        return value.substring(1, value.length() - 1);
    }
}
