package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Annotations;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Substitution inside a Secret's base64 {@code data}, where kustomize's secretGenerator puts literals and files:
 * without it, {@code ${DB_PASSWORD}} in a secretGenerator would reach the cluster as that literal text while the
 * same literal in a configMapGenerator is substituted. A value is substituted only when it decodes to UTF-8 text
 * holding {@code ${}; binary data is left alone.
 */
final class SecretData {
    private SecretData() {
    }

    static List<LocatedDocument> substitute(List<LocatedDocument> documents, Variables variables,
            List<Problem> problems) {
        if (!variables.on()) {
            return documents;
        }
        List<LocatedDocument> out = new ArrayList<>(documents.size());
        for (LocatedDocument document : documents) {
            out.add(isSecret(document.body()) && !disabled(document.body())
                    ? substituted(document, variables, problems) : document);
        }
        return out;
    }

    private static boolean isSecret(Map<String, Object> body) {
        return "Secret".equals(body.get("kind")) && "v1".equals(body.get("apiVersion"))
                && body.get("data") instanceof Map<?, ?>;
    }

    private static boolean disabled(Map<String, Object> body) {
        return Documents.annotations(body).map(a -> Annotations.DISABLED.equals(a.get(Annotations.SUBSTITUTE)))
                .orElse(false);
    }

    private static LocatedDocument substituted(LocatedDocument document, Variables variables, List<Problem> problems) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) document.body().get("data");
        Map<String, Object> newData = new LinkedHashMap<>(data);
        boolean changed = false;
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            Optional<String> text = entry.getValue() instanceof String encoded ? decode(encoded) : Optional.empty();
            if (text.isEmpty() || !text.get().contains("${")) {
                continue;
            }
            Variables.Result result = variables.substitute(text.get());
            for (String name : result.unknown()) {
                problems.add(new Problem(document.origin(), "variable ${" + name + "} (in data." + entry.getKey()
                        + ") has no value; supply it or write a default as ${" + name + ":=default}"));
            }
            result.invalid().forEach(message -> problems.add(new Problem(document.origin(), "in data."
                    + entry.getKey() + ": " + message)));
            newData.put(entry.getKey(), Base64.getEncoder().encodeToString(
                    result.text().getBytes(StandardCharsets.UTF_8)));
            changed = true;
        }
        if (!changed) {
            return document;
        }
        Map<String, Object> body = new LinkedHashMap<>(document.body());
        body.put("data", newData);
        return new LocatedDocument(body, document.origin());
    }

    private static Optional<String> decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.strip());
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
