package dev.lbstudio.render;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.Finding;
import dev.lbstudio.validate.Rule;
import dev.lbstudio.validate.Severity;
import dev.lbstudio.validate.ValidationResult;
import dev.lbstudio.validate.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The bundle's {@code findings.md}: the validator's findings as a table, then each rule's why and source. */
final class ValidationFindings implements BundleFindings {

    @Override
    public Optional<String> markdown(Topology t) {
        ValidationResult result = Validator.validate(t);
        StringBuilder out = new StringBuilder("# Validation findings: " + t.name() + "\n\n");
        if (result.findings().isEmpty()) {
            return Optional.of(out.append("No findings.\n").toString());
        }
        out.append(java.util.Arrays.stream(Severity.values()).map(s -> result.count(s) + " " + s.word())
                .collect(Collectors.joining(", "))).append("\n\n| severity | rule | elements | finding | fix |\n|---|---|---|---|---|\n");
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            rules.putIfAbsent(f.ruleId(), f.rule());
            out.append("| ").append(f.severity().word()).append(" | ").append(f.ruleId()).append(" | ")
                    .append(f.elements().stream().map(ElementId::toString).collect(Collectors.joining(", "))).append(" | ")
                    .append(cell(f.message())).append(" | ").append(f.fix() == null ? "" : cell(f.fix().text())).append(" |\n");
        }
        out.append("\n## Why\n\n");
        rules.values().forEach(r -> out.append("- **").append(r.id()).append("**: ").append(r.why()).append(" (").append(r.source())
                .append(")\n"));
        return Optional.of(out.toString());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
