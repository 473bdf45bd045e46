package dev.lbstudio.validate;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Identified;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Where a rule puts its findings during one run. */
public final class Report {
    private final Rule rule;
    private final List<Finding> findings = new ArrayList<>();

    Report(Rule rule) {
        this.rule = rule;
    }

    public void add(String message, Fix fix, List<ElementId> elements) {
        findings.add(rule.finding(message, fix, elements));
    }

    public void add(String message, Fix fix, ElementId... elements) {
        add(message, fix, List.of(elements));
    }

    /** One finding listing every problem of one object ("subject: a; b"), none when there are no problems. */
    public void addProblems(String subject, List<String> problems, Fix fix, ElementId... elements) {
        if (!problems.isEmpty()) {
            add(subject + ": " + String.join("; ", problems), fix, elements);
        }
    }

    /**
     * {@link #addProblems} for each item of a kind: {@code check} lists an item's problems, and an item
     * with any gets one finding, "subject: a; b", pointing at the item.
     */
    public <T extends Identified> void addProblemsOf(List<T> items, Function<T, String> subject, Fix fix,
                                                     BiConsumer<T, List<String>> check) {
        for (T item : items) {
            List<String> problems = new ArrayList<>();
            check.accept(item, problems);
            addProblems(subject.apply(item), problems, fix, item.id());
        }
    }

    List<Finding> findings() {
        return findings;
    }
}
