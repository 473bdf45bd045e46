package dev.lbstudio.validate;

import dev.lbstudio.model.ValidationSettings.DisabledRule;
import java.util.List;

/**
 * The outcome of one validation: the findings, sorted; the rules the design switched off (with the
 * reason it gave); and ids in {@code validation.disabled} that name no rule, so typos do not hide.
 */
public record ValidationResult(List<Finding> findings, List<DisabledRule> disabled, List<String> unknownDisabled) {

    public ValidationResult {
        findings = List.copyOf(findings);
        disabled = List.copyOf(disabled);
        unknownDisabled = List.copyOf(unknownDisabled);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** True when some finding is at least as bad as {@code threshold} (the CLI's --fail-on). */
    public boolean hasAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public List<Finding> of(String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
