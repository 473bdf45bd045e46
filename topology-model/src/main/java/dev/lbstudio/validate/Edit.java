package dev.lbstudio.validate;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Topology;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A concrete model change that fixes a finding. {@code target}, {@code field} and {@code value}
 * describe it for people and for JSON/SARIF ("set avoidBuggyIPs to true on address-pool/x");
 * {@link #applyTo(Topology)} performs it, so the GUI can apply it with one click.
 */
public record Edit(ElementId target, String field, String value, UnaryOperator<Topology> change) {

    public Edit {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(change, "change");
    }

    public Topology applyTo(Topology topology) {
        return change.apply(topology);
    }

    /** One line for people, e.g. {@code set avoidBuggyIPs: true on address-pool/lb-pool}. */
    public String describe() {
        return "set " + field + ": " + (value == null ? "(unset)" : value) + " on " + target;
    }

    /** Identity is the description: two edits that say the same thing are the same edit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Edit e && target.equals(e.target) && field.equals(e.field) && Objects.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, field, value);
    }

    @Override
    public String toString() {
        return describe();
    }
}
