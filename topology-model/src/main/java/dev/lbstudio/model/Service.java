package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes Service as it matters for load balancing. {@code status} holds the LoadBalancer
 * IPs the allocator handed out, when known (Calico advertises only those). {@code endpoints} are
 * the endpoints as Kubernetes reports them (EndpointSlices); when absent (null) they are the pods of
 * the design's deployments that the selector matches, as a hand-written design describes them.
 */
public record Service(@JsonProperty(required = true) String namespace, @JsonProperty(required = true) String name, Type type, TrafficPolicy externalTrafficPolicy,
                      TrafficPolicy internalTrafficPolicy, List<ServicePort> ports, Map<String, String> selector,
                      Map<String, String> labels, Map<String, String> annotations, IpAddr clusterIP,
                      List<IpAddr> externalIPs, IpAddr loadBalancerIP, String loadBalancerClass,
                      Integer healthCheckNodePort, List<IpAddr> status,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<ServiceEndpoint> endpoints) implements Identified {

    public static final String LB_IPS = "metallb.io/loadBalancerIPs";
    public static final String ADDRESS_POOL = "metallb.io/address-pool";
    public static final String ALLOW_SHARED_IP = "metallb.io/allow-shared-ip";
    public static final String OLD_PREFIX = "metallb.universe.tf/";
    public static final String NEW_PREFIX = "metallb.io/";

    public Service {
        Names.require(namespace, "service's namespace");
        Names.require(name, "service");
        if (type == null) {
            type = Type.CLUSTER_IP;
        }
        ports = Lists.copy(ports);
        selector = Lists.sorted(selector);
        labels = Lists.sorted(labels);
        annotations = Lists.sorted(annotations);
        externalIPs = Lists.copy(externalIPs);
        status = Lists.copy(status);
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
    }

    /** True when the endpoints are given as Kubernetes reports them, not derived from deployments. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean reportsEndpoints() {
        return endpoints != null;
    }

    /** This service with other reported endpoints (null: derived from deployments again). */
    public Service withEndpoints(List<ServiceEndpoint> newEndpoints) {
        return new Service(namespace, name, type, externalTrafficPolicy, internalTrafficPolicy, ports, selector, labels, annotations,
                clusterIP, externalIPs, loadBalancerIP, loadBalancerClass, healthCheckNodePort, status, newEndpoints);
    }

    /** This service with another externalTrafficPolicy ({@code kubectl patch}); the API server allocates a Local one's health-check port. */
    public Service withExternalTrafficPolicy(TrafficPolicy policy) {
        return new Service(namespace, name, type, policy, internalTrafficPolicy, ports, selector, labels, annotations,
                clusterIP, externalIPs, loadBalancerIP, loadBalancerClass, healthCheckNodePort, status, endpoints);
    }

    public TrafficPolicy effectiveExternalTrafficPolicy() {
        return externalTrafficPolicy != null ? externalTrafficPolicy : TrafficPolicy.CLUSTER;
    }

    public TrafficPolicy effectiveInternalTrafficPolicy() {
        return internalTrafficPolicy != null ? internalTrafficPolicy : TrafficPolicy.CLUSTER;
    }

    public boolean isLoadBalancer() {
        return type == Type.LOAD_BALANCER;
    }

    /**
     * A MetalLB annotation by its short key ({@code loadBalancerIPs}), read from the current
     * {@code metallb.io/} prefix first and the deprecated {@code metallb.universe.tf/} one after, as MetalLB does.
     */
    public Optional<String> metallbAnnotation(String shortKey) {
        String current = annotations.get(NEW_PREFIX + shortKey);
        return Optional.ofNullable(current != null ? current : annotations.get(OLD_PREFIX + shortKey));
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.SERVICE, namespace + "/" + name);
    }

    public enum Type {
        CLUSTER_IP("ClusterIP"), NODE_PORT("NodePort"), LOAD_BALANCER("LoadBalancer"), EXTERNAL_NAME("ExternalName");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static Type fromWord(String word) {
            return Enums.fromWord(Type.class, word, Type::word);
        }
    }

    public enum TrafficPolicy {
        CLUSTER("Cluster"), LOCAL("Local");

        private final String word;

        TrafficPolicy(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static TrafficPolicy fromWord(String word) {
            return Enums.fromWord(TrafficPolicy.class, word, TrafficPolicy::word);
        }
    }
}
