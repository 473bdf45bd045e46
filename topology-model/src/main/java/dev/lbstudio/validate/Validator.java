package dev.lbstudio.validate;

import dev.lbstudio.model.Topology;
import dev.lbstudio.model.ValidationSettings.DisabledRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the rules over a design. {@link #validate} is a full run; a {@code Validator} instance also
 * remembers its last run so {@link #revalidate} after an edit only re-runs the rules that read a
 * part of the design the edit replaced (records are immutable, so an unchanged part is the same object).
 * An instance belongs to one editor (one undo stack) and is not thread-safe; {@link #validate} is.
 */
public final class Validator {

    private final List<Rule> rules;
    private Topology last;
    private DesignIndex lastIndex;
    private final Map<Rule, List<Finding>> lastFindings = new HashMap<>();

    public Validator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public Validator() {
        this(Rules.all());
    }

    /** Validates a design from scratch with every registered rule. */
    public static ValidationResult validate(Topology topology) {
        return new Validator().revalidate(topology);
    }

    /** Validates {@code topology}, re-using findings of rules whose inputs did not change since the last call. */
    public ValidationResult revalidate(Topology topology) {
        Set<Rule.Section> changed = changedSections(last, topology);
        DesignIndex index = lastIndex == null ? new DesignIndex(topology) : new DesignIndex(topology, lastIndex);
        for (Rule rule : rules) {
            if (last == null || rule.reads().stream().anyMatch(changed::contains)) {
                Report report = new Report(rule);
                rule.check(index, report);
                lastFindings.put(rule, report.findings());
            }
        }
        last = topology;
        lastIndex = index;
        return result(topology);
    }

    private ValidationResult result(Topology topology) {
        List<Finding> findings = new ArrayList<>();
        List<DisabledRule> disabled = new ArrayList<>();
        for (Rule rule : rules) {
            var off = topology.validation().disabled().stream().filter(d -> d.rule().equals(rule.id())).findFirst();
            if (off.isPresent()) {
                disabled.add(off.get());
            } else {
                findings.addAll(lastFindings.get(rule));
            }
        }
        findings.sort(Finding.ORDER);
        List<String> unknown = topology.validation().disabled().stream().map(DisabledRule::rule)
                .filter(id -> rules.stream().noneMatch(r -> r.id().equals(id))).distinct().toList();
        return new ValidationResult(findings, disabled, unknown);
    }

    private static Set<Rule.Section> changedSections(Topology before, Topology after) {
        Set<Rule.Section> changed = EnumSet.noneOf(Rule.Section.class);
        if (before == null) {
            return EnumSet.allOf(Rule.Section.class);
        }
        if (before.network() != after.network()) {
            changed.add(Rule.Section.NETWORK);
        }
        if (before.cluster() != after.cluster()) {
            changed.add(Rule.Section.CLUSTER);
        }
        if (before.calico() != after.calico()) {
            changed.add(Rule.Section.CALICO);
        }
        if (before.metallb() != after.metallb()) {
            changed.add(Rule.Section.METALLB);
        }
        if (before.workloads() != after.workloads()) {
            changed.add(Rule.Section.WORKLOADS);
        }
        return changed;
    }
}
