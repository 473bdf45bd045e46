package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Per-design validation switches: rules turned off, each with the reason the team wrote down. */
public record ValidationSettings(List<DisabledRule> disabled) {
    public ValidationSettings {
        disabled = Lists.copy(disabled);
    }

    public static ValidationSettings none() {
        return new ValidationSettings(List.of());
    }

    public boolean isDisabled(String ruleId) {
        return disabled.stream().anyMatch(d -> d.rule().equals(ruleId));
    }

    public record DisabledRule(@JsonProperty(required = true) String rule, String reason) {
        public DisabledRule {
            Names.require(rule, "disabled rule id");
        }
    }
}
