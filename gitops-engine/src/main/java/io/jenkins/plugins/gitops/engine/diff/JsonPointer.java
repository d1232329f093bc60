package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An RFC 6901 JSON pointer ({@code /metadata/annotations/example.com~1x}) over a plain manifest tree. */
record JsonPointer(String text, List<String> tokens) {
    JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /** @throws IllegalArgumentException with a message fit for the user when the text is not a pointer. */
    static JsonPointer parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON pointer: it must start with '/', for "
                    + "example /spec/replicas");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(unescape(raw, text));
        }
        return new JsonPointer(text, tokens);
    }

    private static String unescape(String raw, String text) {
        if (raw.indexOf('~') < 0) {
            return raw;
        }
        StringBuilder s = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                s.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
            if (next != '0' && next != '1') {
                throw new IllegalArgumentException("'" + text + "' is not a valid JSON pointer: write '~' inside a key "
                        + "as ~0 and '/' as ~1");
            }
            s.append(next == '0' ? '~' : '/');
            i++;
        }
        return s.toString();
    }

    /** Removes the value the pointer designates; a pointer that designates nothing changes nothing. */
    void removeFrom(Object root) {
        Object parent = root;
        for (int i = 0; i < tokens.size() - 1 && parent != null; i++) {
            parent = child(parent, tokens.get(i));
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            map.remove(last);
        } else if (parent instanceof List<?> list) {
            int index = index(last, list.size());
            if (index >= 0) {
                list.remove(index);
            }
        }
    }

    private static Object child(Object node, String token) {
        if (node instanceof Map<?, ?> map) {
            return map.get(token);
        }
        if (node instanceof List<?> list) {
            int index = index(token, list.size());
            return index < 0 ? null : list.get(index);
        }
        return null;
    }

    /** The list index a token names, or -1: RFC 6901 allows only digits without leading zeros. */
    private static int index(String token, int size) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        int index = Integer.parseInt(token);
        return index < size ? index : -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
