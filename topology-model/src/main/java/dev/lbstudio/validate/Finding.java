package dev.lbstudio.validate;

import dev.lbstudio.model.ElementId;
import java.util.Comparator;
import java.util.List;

/**
 * One problem a rule found: which rule, how bad, the elements it concerns (the first is the one to
 * highlight), what is wrong in the user's terms, and how to fix it. Why and the source come from the rule.
 */
public record Finding(Rule rule, List<ElementId> elements, String message, Fix fix) {

    /** Worst first, then by rule id, the elements and the message: stable from run to run. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::elements, Finding::compareIds)
            .thenComparing(Finding::message);

    public Finding {
        elements = List.copyOf(elements);
    }

    public String ruleId() {
        return rule.id();
    }

    public Severity severity() {
        return rule.severity();
    }

    private static int compareIds(List<ElementId> a, List<ElementId> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public String toString() {
        return severity() + " " + ruleId() + " " + elements + ": " + message;
    }
}
