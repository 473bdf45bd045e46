package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/** What a push will do to one object, with the field-level differences for updates. */
public record PlannedChange(ObjectKey key, Action action, List<FieldChange> fields, GenericKubernetesResource desired) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, PRUNE
    }

    public PlannedChange {
        fields = List.copyOf(fields);
    }
}
