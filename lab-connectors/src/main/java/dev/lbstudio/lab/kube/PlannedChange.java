package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * What a push will do to one object: the field-level differences for updates, and for conflicts,
 * kept namespaces and skipped system objects a {@code note} saying why.
 */
public record PlannedChange(ObjectKey key, Action action, List<FieldChange> fields, GenericKubernetesResource desired,
                            String note) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED,
        /** Another field manager owns fields the design sets; applied only with --force-conflicts. */
        CONFLICT,
        PRUNE,
        /** Created by this design and gone from it, but not deleted (a namespace holding others' objects). */
        KEEP,
        /** A system object (default/kubernetes, kube-system, ...) that LB Studio never changes. */
        SKIP
    }

    public PlannedChange {
        fields = List.copyOf(fields);
        note = note == null ? "" : note;
    }

    public PlannedChange(ObjectKey key, Action action, List<FieldChange> fields, GenericKubernetesResource desired) {
        this(key, action, fields, desired, "");
    }

    public boolean writes() {
        return action == Action.CREATE || action == Action.UPDATE || action == Action.PRUNE;
    }
}
