package io.jenkins.plugins.gitops.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret variables ({@code credentialVars}) by {@code ****} in what a step call leaves
 * behind: the error message, the check and the plan kept for the build page. The pattern comes from the
 * controller, which knows every encoded form of a value (credentials-binding's pattern factories); an empty one
 * masks nothing. The build log is masked on its way out by the plugin, line by line.
 */
public final class SecretMask {
    public static final SecretMask NONE = new SecretMask("");
    public static final String MASK = "****";

    private final Pattern pattern;

    public SecretMask(String regex) {
        this.pattern = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }

    public boolean isEmpty() {
        return pattern == null;
    }

    /** The pattern, or null when nothing is masked. */
    public Pattern pattern() {
        return pattern;
    }

    /** The regular expression to send with a {@link StepRequest}. */
    public String regex() {
        return pattern == null ? "" : pattern.pattern();
    }

    public String apply(String text) {
        return text == null || pattern == null ? text : pattern.matcher(text).replaceAll(MASK);
    }

    /**
     * The plan with every string masked (diffs, names, origins), as a plan again: a plan file carries a digest of
     * its content, so the text of a written plan cannot be edited afterwards.
     */
    public Plan apply(Plan plan) {
        if (pattern == null) {
            return plan;
        }
        JsonNode tree = Json.mapper().valueToTree(plan);
        maskTexts(tree);
        try {
            return Json.mapper().treeToValue(tree, Plan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan read back from its own tree", e);
        }
    }

    private void maskTexts(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(object.textNode(apply(field.getValue().textValue())));
                } else {
                    maskTexts(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, array.textNode(apply(array.get(i).textValue())));
                } else {
                    maskTexts(array.get(i));
                }
            }
        }
    }
}
