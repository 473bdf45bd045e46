package dev.lbstudio.lab.kube;

import java.util.List;

/**
 * Everything a push would change, computed by the API server itself (server-side apply in dry-run)
 * before anything is written. {@code pruning}: whether objects this design created and no longer
 * holds were looked for (--prune).
 */
public record PushPlan(String design, List<PlannedChange> changes, boolean pruning) {

    public PushPlan {
        changes = List.copyOf(changes);
    }

    /** True when applying would write something, or is blocked by a conflict. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.writes() || c.action() == PlannedChange.Action.CONFLICT);
    }

    /** Why applying must not start, when some object has fields another field manager owns. */
    public java.util.Optional<String> refusal() {
        long conflicts = count(PlannedChange.Action.CONFLICT);
        return conflicts == 0 ? java.util.Optional.empty() : java.util.Optional.of(conflicts + " object(s) have fields "
                + "another field manager owns (listed in the plan); nothing was changed — re-run with --force-conflicts "
                + "to take them over");
    }

    public long count(PlannedChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** The plan as a reviewer reads it: one line per object, indented field changes under updates. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (PlannedChange c : changes) {
            if (c.action() == PlannedChange.Action.UNCHANGED) {
                continue;
            }
            s.append(switch (c.action()) {
                case CREATE -> "  + create ";
                case UPDATE -> "  ~ update ";
                case PRUNE -> "  - delete ";
                case CONFLICT -> "  ! conflict ";
                case KEEP -> "  = keep ";
                default -> "  . skip ";
            }).append(c.key()).append(c.note().isEmpty() ? "" : ": " + c.note()).append('\n');
            for (FieldChange f : c.fields()) {
                s.append("      ").append(f).append('\n');
            }
        }
        if (!hasChanges()) {
            return s + "no changes: the cluster already matches design " + design;
        }
        s.append(String.format("plan: %d to create, %d to update, %d to delete, %d unchanged",
                count(PlannedChange.Action.CREATE), count(PlannedChange.Action.UPDATE), count(PlannedChange.Action.PRUNE),
                count(PlannedChange.Action.UNCHANGED)));
        if (count(PlannedChange.Action.CONFLICT) > 0) {
            s.append(", ").append(count(PlannedChange.Action.CONFLICT)).append(" in conflict");
        }
        if (!pruning) {
            s.append(" (objects this design created and no longer holds are kept; --prune deletes them)");
        }
        return s.toString();
    }
}
