package dev.lbstudio.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Calico's selector language designs use for BGPPeer {@code nodeSelector}:
 * {@code all()}, {@code has(k)}, {@code !has(k)}, {@code k == 'v'}, {@code k != 'v'},
 * {@code k in {'a','b'}}, {@code k not in {...}}, joined by {@code &&} and {@code ||} (no parentheses).
 * Anything else does not parse, and a rule says so instead of guessing.
 */
public final class CalicoSelector {

    private static final Pattern TERM = Pattern.compile(
            "\\s*(?:(all\\(\\))|(!)?has\\(\\s*([\\w./-]+)\\s*\\)|([\\w./-]+)\\s*(==|!=)\\s*['\"]([^'\"]*)['\"]"
                    + "|([\\w./-]+)\\s+(not\\s+in|in)\\s*\\{([^}]*)})\\s*");

    private interface Term {
        boolean test(Map<String, String> labels);
    }

    private final List<List<Term>> anyOf;

    private CalicoSelector(List<List<Term>> anyOf) {
        this.anyOf = anyOf;
    }

    /** Parses a selector; throws IllegalArgumentException naming the part it cannot read. */
    public static CalicoSelector parse(String text) {
        List<List<Term>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|", -1)) {
            List<Term> all = new ArrayList<>();
            for (String part : alternative.split("&&", -1)) {
                all.add(term(part, text));
            }
            alternatives.add(all);
        }
        return new CalicoSelector(alternatives);
    }

    private static Term term(String part, String whole) {
        Matcher m = TERM.matcher(part);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read '" + part.trim() + "' in selector \"" + whole + "\"");
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
            boolean equal = m.group(5).equals("==");
            return labels -> value.equals(labels.get(key)) == equal;
        }
        String key = m.group(7);
        boolean in = m.group(8).equals("in");
        Set<String> values = new java.util.HashSet<>();
        for (String v : m.group(9).split(",")) {
            String t = v.trim().replaceAll("^['\"]|['\"]$", "");
            if (!t.isEmpty()) {
                values.add(t);
            }
        }
        return labels -> values.contains(labels.get(key)) == in;
    }

    /** Loops, not streams: every BGPPeer's selector is tried against every node (40 × 1,000 in the large design). */
    public boolean matches(Map<String, String> labels) {
        for (List<Term> all : anyOf) {
            if (allHold(all, labels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allHold(List<Term> all, Map<String, String> labels) {
        for (Term t : all) {
            if (!t.test(labels)) {
                return false;
            }
        }
        return true;
    }
}
