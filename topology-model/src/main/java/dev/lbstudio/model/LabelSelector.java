package dev.lbstudio.model;

import java.util.List;
import java.util.Map;

/** A Kubernetes label selector (matchLabels and matchExpressions). */
public record LabelSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {

    public LabelSelector {
        matchLabels = Lists.sorted(matchLabels);
        matchExpressions = Lists.copy(matchExpressions);
    }

    public boolean matches(Map<String, String> labels) {
        for (var e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(x -> x.matches(labels));
    }

    public record Expression(String key, String operator, List<String> values) {
        public Expression {
            values = Lists.copy(values);
            if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
                throw new IllegalArgumentException("operator is In, NotIn, Exists or DoesNotExist, not '" + operator + "'");
            }
        }

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                default -> v == null;
            };
        }
    }
}
