package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * The seed article's failover tests on a real cluster. Each call does one thing and returns a
 * sentence saying what it did, for the timeline; callers confirm with the user before calling.
 */
public final class ClusterTriggers {

    private final KubernetesClient client;

    public ClusterTriggers(KubernetesClient client) {
        this.client = client;
    }

    public String cordon(String node) {
        setUnschedulable(node, true);
        return "cordoned node " + node + ": no new pods will be scheduled there";
    }

    public String uncordon(String node) {
        setUnschedulable(node, false);
        return "uncordoned node " + node;
    }

    /** Deleting a pod makes its Deployment reschedule it, possibly on another node: a relocation. */
    public String deletePod(String namespace, String pod) {
        run(() -> requireDeleted(client.pods().inNamespace(namespace).withName(pod).delete(), "Pod", namespace + "/" + pod),
                "delete", new ObjectKey("v1", "Pod", namespace, pod));
        return "deleted pod " + namespace + "/" + pod + "; its controller reschedules it";
    }

    /**
     * Cordon, then evict every pod on the node that a controller will recreate elsewhere
     * (DaemonSet pods and mirror pods stay, as kubectl drain leaves them).
     */
    public String drain(String node) {
        setUnschedulable(node, true);
        List<Pod> pods = run(() -> client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName()))
                .filter(p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().stream()
                        .noneMatch(o -> "DaemonSet".equals(o.getKind())))
                .filter(p -> p.getMetadata().getAnnotations() == null
                        || !p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror"))
                .toList(), "list pods on", new ObjectKey("v1", "Node", null, node));
        for (Pod pod : pods) {
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            // Eviction honours PodDisruptionBudgets, as kubectl drain does.
            run(() -> client.pods().inNamespace(ns).withName(name).evict(), "evict", new ObjectKey("v1", "Pod", ns, name));
        }
        return "drained node " + node + ": cordoned and evicted " + pods.size() + " pod(s)";
    }

    public String scale(String namespace, String deployment, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more, not " + replicas);
        }
        run(() -> client.apps().deployments().inNamespace(namespace).withName(deployment)
                .edit(d -> {
                    d.getSpec().setReplicas(replicas);
                    return d;
                }), "scale", new ObjectKey("apps/v1", "Deployment", namespace, deployment));
        return "scaled deployment " + namespace + "/" + deployment + " to " + replicas + " replica(s)";
    }

    /**
     * Restarts calico-node (BIRD) on one node by deleting its pod: BIRD closes its sessions with
     * graceful restart, so routers keep the stale routes until it is back (up to 120 s).
     */
    public String restartCalicoNode(String node) {
        for (String ns : List.of("calico-system", "kube-system")) {
            List<Pod> pods = run(() -> client.pods().inNamespace(ns).withLabel("k8s-app", "calico-node").list().getItems(),
                    "list calico-node pods in", new ObjectKey("v1", "Namespace", null, ns));
            for (Pod pod : pods) {
                if (node.equals(pod.getSpec().getNodeName())) {
                    return deletePod(ns, pod.getMetadata().getName()).replace("its controller reschedules it",
                            "the calico-node DaemonSet restarts it on " + node);
                }
            }
        }
        throw new IllegalArgumentException("no calico-node pod runs on node " + node
                + " (looked in calico-system and kube-system for label k8s-app=calico-node)");
    }

    private void setUnschedulable(String node, boolean unschedulable) {
        run(() -> client.nodes().withName(node).edit(n -> {
            n.getSpec().setUnschedulable(unschedulable ? Boolean.TRUE : null);
            return n;
        }), unschedulable ? "cordon" : "uncordon", new ObjectKey("v1", "Node", null, node));
    }

    private static boolean requireDeleted(List<?> deleted, String kind, String name) {
        if (deleted.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " " + name + " in the cluster");
        }
        return true;
    }

    private static <T> T run(java.util.function.Supplier<T> call, String doing, ObjectKey key) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, doing, key);
        }
    }
}
