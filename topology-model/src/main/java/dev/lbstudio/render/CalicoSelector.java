package dev.lbstudio.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Calico's label selector language as BGPPeer {@code nodeSelector}/{@code peerSelector} use it
 * ({@code all()}, {@code has(k)}, {@code k == 'v'}, {@code k != 'v'}, {@code k in {'a','b'}},
 * {@code k not in {...}}, {@code !}, {@code &&}, {@code ||}, parentheses), so rendering knows which
 * nodes a peer applies to. A selector it cannot read matches nothing and says why.
 */
final class CalicoSelector {

    private final String text;
    private int pos;

    private CalicoSelector(String text) {
        this.text = text;
    }

    static Predicate<Map<String, String>> parse(String selector) {
        CalicoSelector p = new CalicoSelector(selector == null ? "all()" : selector);
        Predicate<Map<String, String>> result = p.or();
        p.skipSpace();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected text");
        }
        return result;
    }

    private Predicate<Map<String, String>> or() {
        Predicate<Map<String, String>> left = and();
        while (accept("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, String>> and() {
        Predicate<Map<String, String>> left = unary();
        while (accept("&&")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Map<String, String>> unary() {
        if (accept("!")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Map<String, String>> inner = or();
            expect(")");
            return inner;
        }
        if (accept("all()") || accept("global()")) {
            return labels -> true;
        }
        if (accept("has(")) {
            String key = word();
            expect(")");
            return labels -> labels.containsKey(key);
        }
        String key = word();
        if (accept("==")) {
            String value = quoted();
            return labels -> value.equals(labels.get(key));
        }
        if (accept("!=")) {
            String value = quoted();
            return labels -> !value.equals(labels.get(key));
        }
        boolean negated = accept("not");
        if (accept("in")) {
            List<String> values = set();
            return labels -> values.contains(labels.get(key)) != negated;
        }
        throw error("expected ==, != or in after '" + key + "'");
    }

    private List<String> set() {
        expect("{");
        List<String> values = new ArrayList<>();
        if (!accept("}")) {
            do {
                values.add(quoted());
            } while (accept(","));
            expect("}");
        }
        return values;
    }

    private String quoted() {
        skipSpace();
        if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
            throw error("expected a quoted value");
        }
        char quote = text.charAt(pos);
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unclosed quote");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "-_./".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a label key");
        }
        return text.substring(start, pos);
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Calico selector \"" + text + "\": " + what + " at position " + (pos + 1));
    }
}
