package dev.lbstudio.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Calico's selector language BGPPeer {@code nodeSelector}/{@code peerSelector} use in
 * designs: {@code all()}, {@code has(k)}, {@code !has(k)}, {@code k == 'v'}, {@code k != 'v'},
 * {@code k in {'a','b'}}, {@code k not in {...}}, joined by {@code &&} and {@code ||}. A selector
 * it cannot read selects nothing, so a peering is never invented from a guess.
 */
final class NodeSelector {

    private static final Pattern TERM = Pattern.compile(
            "\\s*(?:(all\\(\\))|(!)?has\\(\\s*([\\w./-]+)\\s*\\)|([\\w./-]+)\\s*(==|!=)\\s*['\"]([^'\"]*)['\"]"
                    + "|([\\w./-]+)\\s+(not\\s+in|in)\\s*\\{([^}]*)})\\s*");

    private NodeSelector() {
    }

    static Predicate<Map<String, String>> parse(String text) {
        if (text == null) {
            return labels -> false;
        }
        List<Predicate<Map<String, String>>> anyOf = new ArrayList<>();
        for (String alternative : text.split("\\|\\|", -1)) {
            Predicate<Map<String, String>> all = labels -> true;
            for (String part : alternative.split("&&", -1)) {
                Predicate<Map<String, String>> term = term(part);
                if (term == null) {
                    return labels -> false;
                }
                all = all.and(term);
            }
            anyOf.add(all);
        }
        return labels -> {
            for (Predicate<Map<String, String>> p : anyOf) {
                if (p.test(labels)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<Map<String, String>> term(String part) {
        Matcher m = TERM.matcher(part);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return labels -> true;
        }
        if (m.group(3) != null) {
            String key = m.group(3);
            boolean negate = m.group(2) != null;
            return labels -> labels.containsKey(key) != negate;
        }
        if (m.group(4) != null) {
            String key = m.group(4);
            String value = m.group(6);
            boolean equal = "==".equals(m.group(5));
            return labels -> value.equals(labels.get(key)) == equal;
        }
        String key = m.group(7);
        boolean in = "in".equals(m.group(8));
        List<String> values = new ArrayList<>();
        for (String v : m.group(9).split(",")) {
            String t = v.trim().replaceAll("^['\"]|['\"]$", "");
            if (!t.isEmpty()) {
                values.add(t);
            }
        }
        return labels -> labels.containsKey(key) && values.contains(labels.get(key)) == in
                || !in && !labels.containsKey(key);
    }
}
