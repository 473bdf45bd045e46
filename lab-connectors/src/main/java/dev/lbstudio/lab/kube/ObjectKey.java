package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Identifies one object in a cluster: apiVersion, kind, namespace (null if cluster-scoped) and name. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) implements Comparable<ObjectKey> {

    public static ObjectKey of(HasMetadata object) {
        return new ObjectKey(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    @Override
    public int compareTo(ObjectKey o) {
        int byOrder = Integer.compare(KindRegistry.applyOrder(apiVersion, kind), KindRegistry.applyOrder(o.apiVersion, o.kind));
        if (byOrder != 0) {
            return byOrder;
        }
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return kind + " " + (namespace != null ? namespace + "/" : "") + name + " (" + apiVersion + ")";
    }
}
