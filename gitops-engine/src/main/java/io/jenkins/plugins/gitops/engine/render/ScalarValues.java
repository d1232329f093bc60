package io.jenkins.plugins.gitops.engine.render;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Scalar text of a resolved tag to a plain Java value, as {@link ScalarResolver} types it: ints (Integer, else
 * Long, else Double) in decimal, 0x, 0 octal and 0b; floats; booleans (true/false); null. No base 60, and
 * yes/no/on/off are strings. Timestamps stay strings, as in Kubernetes manifests.
 */
final class ScalarValues {
    private ScalarValues() {
    }

    private static final Set<Tag> SUPPORTED = Set.of(Tag.STR, Tag.TIMESTAMP, Tag.NULL, Tag.BOOL, Tag.INT, Tag.FLOAT);

    static boolean supports(Tag tag) {
        return SUPPORTED.contains(tag);
    }

    /**
     * The value of a scalar with a {@link #supports supported} tag.
     *
     * @throws IllegalArgumentException when the text is not a valid value of the tag
     */
    static Object of(Tag tag, String text) {
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return bool(text);
        }
        if (Tag.INT.equals(tag)) {
            return integer(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(text);
        }
        if (Tag.TIMESTAMP.equals(tag) && !Resolver.TIMESTAMP.matcher(text).matches()) {
            // Only an explicit !!timestamp gets here with other text; Kubernetes refuses it too.
            throw new IllegalArgumentException("not a timestamp");
        }
        return text;
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Object integer(String text) {
        String s = text.replace("_", "");
        int sign = 1;
        if (s.startsWith("-") || s.startsWith("+")) {
            sign = s.startsWith("-") ? -1 : 1;
            s = s.substring(1);
        }
        BigInteger value;
        if (s.startsWith("0x")) {
            value = new BigInteger(s.substring(2), 16);
        } else if (s.startsWith("0b")) {
            value = new BigInteger(s.substring(2), 2);
        } else if (s.startsWith("0o")) {
            value = new BigInteger(s.substring(2), 8);
        } else if (s.length() > 1 && s.startsWith("0")) {
            value = new BigInteger(s.substring(1), 8);
        } else {
            value = new BigInteger(s);
        }
        value = sign < 0 ? value.negate() : value;
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : (Object) value.doubleValue();
    }

    private static double floating(String text) {
        String s = text.replace("_", "");
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }
}
