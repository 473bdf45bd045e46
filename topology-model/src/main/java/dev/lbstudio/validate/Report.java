package dev.lbstudio.validate;

import dev.lbstudio.model.ElementId;
import java.util.ArrayList;
import java.util.List;

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

    List<Finding> findings() {
        return findings;
    }
}
