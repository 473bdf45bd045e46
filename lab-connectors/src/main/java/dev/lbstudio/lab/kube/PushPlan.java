package dev.lbstudio.lab.kube;

import java.util.List;

/** Everything a push would change, computed against the live cluster before anything is written. */
public record PushPlan(String design, List<PlannedChange> changes) {

    public PushPlan {
        changes = List.copyOf(changes);
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != PlannedChange.Action.UNCHANGED);
    }

    public long count(PlannedChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** The plan as a reviewer reads it: one line per object, indented field changes under updates. */
    public String describe() {
        if (!hasChanges()) {
            return "no changes: the cluster already matches design " + design;
        }
        StringBuilder s = new StringBuilder();
        for (PlannedChange c : changes) {
            if (c.action() == PlannedChange.Action.UNCHANGED) {
                continue;
            }
            s.append(switch (c.action()) {
                case CREATE -> "  + create ";
                case UPDATE -> "  ~ update ";
                case PRUNE -> "  - delete ";
                default -> "    ";
            }).append(c.key()).append('\n');
            for (FieldChange f : c.fields()) {
                s.append("      ").append(f).append('\n');
            }
        }
        s.append(String.format("plan: %d to create, %d to update, %d to delete, %d unchanged",
                count(PlannedChange.Action.CREATE), count(PlannedChange.Action.UPDATE), count(PlannedChange.Action.PRUNE),
                count(PlannedChange.Action.UNCHANGED)));
        return s.toString();
    }
}
