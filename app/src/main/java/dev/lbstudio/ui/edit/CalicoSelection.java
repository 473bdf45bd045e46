package dev.lbstudio.ui.edit;

import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which nodes a Calico BGPPeer applies to (domain-facts §1.4): {@code node} names one,
 * {@code nodeSelector} selects by label, neither means every node. The selector subset read here is
 * what designs use: {@code all()}, {@code has(k)}, {@code !has(k)}, {@code k == 'v'}, {@code k != 'v'},
 * {@code k in {...}}, {@code k not in {...}}, joined by {@code &&} / {@code ||}. A selector it
 * cannot read selects nothing, so the canvas never draws a session from a guess.
 */
public final class CalicoSelection {

    private static final Pattern TERM = Pattern.compile(
            "\\s*(?:(all\\(\\))|(!)?has\\(\\s*([\\w./-]+)\\s*\\)|([\\w./-]+)\\s*(==|!=)\\s*['\"]([^'\"]*)['\"]"
                    + "|([\\w./-]+)\\s+(not\\s+in|in)\\s*\\{([^}]*)})\\s*");

    private CalicoSelection() {
    }

    /** True when {@code peer} configures a session from {@code node} (peerSelector peers are node-to-node). */
    public static boolean selects(CalicoBgpPeer peer, Node node) {
        if (peer.peerIP() == null) {
            return false;
        }
        if (peer.node() != null) {
            return peer.node().equals(node.name());
        }
        return peer.nodeSelector() == null || selector(peer.nodeSelector()).test(node.selectorLabels());
    }

    static Predicate<Map<String, String>> selector(String text) {
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
        return labels -> anyOf.stream().anyMatch(p -> p.test(labels));
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
        // Calico: "k not in {...}" also matches nodes without the label; "k in {...}" needs it.
        return labels -> in ? values.contains(labels.get(key)) : !values.contains(labels.get(key));
    }
}
