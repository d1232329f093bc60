package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.BoundedFile;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A kubeconfig's text, read and checked before the Kubernetes client parses it: a kubeconfig holds tokens, keys
 * and passwords, and the client's YAML errors quote the line they fail on ("token: ...: trailing"). Every problem
 * here names the file and the line, never the text.
 */
final class KubeconfigText {
    /** What the Kubernetes client's YAML parser reads at most (its code point limit). */
    static final int MAX_BYTES = 3 * 1024 * 1024;

    private KubeconfigText() {
    }

    static String read(Path file) {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, MAX_BYTES, "kubeconfig");
        } catch (IOException e) {
            throw new TargetException("cannot read kubeconfig " + file + " (" + e.getClass().getSimpleName()
                    + "); check that it exists and is readable", Remedy.of(Remedy.Kind.KUBECONFIG));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, "line " + lineOfByte(bytes, in.position()) + " holds bytes that are not UTF-8 text");
        }
        try {
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(document -> { });
        } catch (MarkedYAMLException e) {
            throw invalid(file, "line " + (e.getProblemMark().getLine() + 1) + " is not valid YAML");
        } catch (YAMLException e) {
            throw invalid(file, "it is not valid YAML");
        }
        return text;
    }

    private static TargetException invalid(Path file, String where) {
        return new TargetException("kubeconfig " + file + " cannot be read: " + where + " (its text is not shown: a"
                + " kubeconfig holds credentials); check it with kubectl config view --kubeconfig " + file,
                Remedy.of(Remedy.Kind.KUBECONFIG));
    }

    private static int lineOfByte(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
