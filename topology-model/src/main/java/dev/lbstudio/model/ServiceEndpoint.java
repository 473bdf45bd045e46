package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One endpoint of a Service as Kubernetes reports it (discovery.k8s.io/v1 EndpointSlice, or v1
 * Endpoints): its address, the node it runs on (absent for addresses outside the cluster), its
 * conditions, the pod it targets and whoever owns that pod. Conditions follow the EndpointSlice API
 * (k8s.io/api discovery/v1 EndpointConditions): an unset {@code ready} means ready unless the
 * endpoint is terminating, an unset {@code serving} means the same as ready, unset {@code terminating} means not.
 */
public record ServiceEndpoint(@JsonProperty(required = true) IpAddr address, String node, Boolean ready, Boolean serving,
                              Boolean terminating, String pod, Owner owner) {

    public boolean effectiveTerminating() {
        return Boolean.TRUE.equals(terminating);
    }

    public boolean effectiveReady() {
        return ready != null ? ready : !effectiveTerminating();
    }

    public boolean effectiveServing() {
        return serving != null ? serving : effectiveReady();
    }

    /** The endpoint as the pod it targets (named by its address when it targets none); null when it runs on no node. */
    public Pod asPod() {
        return node == null ? null : new Pod(pod != null ? pod : address.toString(), node, address, effectiveReady());
    }

    /** The endpoint once its pod is {@code moved}: what a scenario does to a pod it moves, readies or stops. */
    public ServiceEndpoint movedTo(Pod moved) {
        return new ServiceEndpoint(moved.ip() != null ? moved.ip() : address, moved.node(), moved.isReady(), moved.isReady(),
                terminating, pod, owner);
    }

    /** The controller of the endpoint's pod, or the pod itself when it is a bare pod. */
    public record Owner(@JsonProperty(required = true) String kind, @JsonProperty(required = true) String name) {

        public static final List<String> KINDS = List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "Pod");

        public Owner {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("an endpoint's owner kind is one of " + String.join(", ", KINDS) + ", not '" + kind + "'");
            }
            Names.require(name, "endpoint owner");
        }
    }
}
