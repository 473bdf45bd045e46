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
 *
 * <p>{@code clusterIPs}, {@code ipFamilyPolicy} and {@code ipFamilies} are kept as written; the API
 * server fills them in on create (kubernetes pkg/registry/core/service/storage/alloc.go,
 * initIPFamilyFields), so a live import carries them and a hand-written design may leave them out.
 * {@link #families} resolves them the way the API server does, and says "unknown" where that needs
 * the cluster's service CIDRs and the design does not give them. MetalLB puts at most one
 * LoadBalancer IP of each family in {@code status}; another controller may put more, so it is not
 * refused here.
 */
public record Service(@JsonProperty(required = true) String namespace, @JsonProperty(required = true) String name, Type type, TrafficPolicy externalTrafficPolicy,
                      TrafficPolicy internalTrafficPolicy, List<ServicePort> ports, Map<String, String> selector,
                      Map<String, String> labels, Map<String, String> annotations, IpAddr clusterIP,
                      List<IpAddr> clusterIPs, IpFamilyPolicy ipFamilyPolicy, List<IpFamily> ipFamilies,
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
        clusterIPs = Lists.copy(clusterIPs);
        ipFamilies = Lists.copy(ipFamilies);
        externalIPs = Lists.copy(externalIPs);
        status = Lists.copy(status);
        String who = "service " + namespace + "/" + name;
        requireOnePerFamily(ipFamilies, who + " ipFamilies");
        requireOnePerFamily(clusterIPs.stream().map(IpFamily::of).toList(), who + " clusterIPs");
        if (clusterIP != null && !clusterIPs.isEmpty() && !clusterIP.equals(clusterIPs.get(0))) {
            // apis/core/validation ValidateService: clusterIPs[0] must equal clusterIP
            throw new IllegalArgumentException(who + ": clusterIPs starts with " + clusterIPs.get(0) + " but clusterIP is "
                    + clusterIP + "; the first of clusterIPs is the clusterIP");
        }
        for (int i = 0; i < Math.min(clusterIPs.size(), ipFamilies.size()); i++) {
            if (IpFamily.of(clusterIPs.get(i)) != ipFamilies.get(i)) {
                throw new IllegalArgumentException(who + ": clusterIPs[" + i + "] " + clusterIPs.get(i) + " is not "
                        + ipFamilies.get(i).word() + " as ipFamilies[" + i + "] says; list them in the same order");
            }
        }
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
    }

    private static void requireOnePerFamily(List<IpFamily> families, String what) {
        if (families.size() > 2 || families.size() == 2 && families.get(0) == families.get(1)) {
            throw new IllegalArgumentException(what + " may hold at most one IPv4 and one IPv6 entry, not "
                    + families.stream().map(IpFamily::word).toList());
        }
    }

    /** True when the endpoints are given as Kubernetes reports them, not derived from deployments. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean reportsEndpoints() {
        return endpoints != null;
    }

    /** This service with other reported endpoints (null: derived from deployments again). */
    public Service withEndpoints(List<ServiceEndpoint> newEndpoints) {
        return new Service(namespace, name, type, externalTrafficPolicy, internalTrafficPolicy, ports, selector, labels, annotations,
                clusterIP, clusterIPs, ipFamilyPolicy, ipFamilies, externalIPs, loadBalancerIP, loadBalancerClass,
                healthCheckNodePort, status, newEndpoints);
    }

    /**
     * The policy the API server gives the service: as written, else SingleStack
     * (initIPFamilyFields); none for ExternalName, which has no cluster IPs. Headless services are
     * not modelled (a LoadBalancer service cannot be headless), so their RequireDualStack default
     * does not arise.
     */
    public Optional<IpFamilyPolicy> effectiveIpFamilyPolicy() {
        if (type == Type.EXTERNAL_NAME) {
            return Optional.empty();
        }
        return Optional.of(ipFamilyPolicy != null ? ipFamilyPolicy : IpFamilyPolicy.SINGLE_STACK);
    }

    /**
     * The families the API server ends up giving the service, primary first, as initIPFamilyFields
     * does: the written ipFamilies, else the families of clusterIPs (or clusterIP), else the
     * cluster's primary family; then, unless SingleStack, the other family when the cluster has
     * both (RequireDualStack on a single-family cluster is refused by the API server, so it is read
     * as both). {@code clusterFamilies} are the families of the cluster's service CIDRs in order,
     * empty when unknown; the answer is empty when it depends on them.
     */
    public Optional<List<IpFamily>> families(List<IpFamily> clusterFamilies) {
        Optional<IpFamilyPolicy> policy = effectiveIpFamilyPolicy();
        if (policy.isEmpty()) {
            return Optional.of(List.of());
        }
        List<IpFamily> out = new java.util.ArrayList<>(ipFamilies);
        List<IpAddr> ips = !clusterIPs.isEmpty() ? clusterIPs : clusterIP != null ? List.of(clusterIP) : List.of();
        for (int i = out.size(); i < ips.size(); i++) {
            out.add(IpFamily.of(ips.get(i)));
        }
        if (out.isEmpty()) {
            if (clusterFamilies.isEmpty()) {
                return Optional.empty();
            }
            out.add(clusterFamilies.get(0));
        }
        if (out.size() == 1 && policy.get() != IpFamilyPolicy.SINGLE_STACK) {
            if (policy.get() == IpFamilyPolicy.REQUIRE_DUAL_STACK || clusterFamilies.size() == 2) {
                out.add(out.get(0).other());
            } else if (clusterFamilies.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /** The LoadBalancer IP of one family in {@code status}, if any. */
    public Optional<IpAddr> statusIp(IpFamily family) {
        return status.stream().filter(ip -> IpFamily.of(ip) == family).findFirst();
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

    /** Service {@code spec.ipFamilyPolicy} (k8s.io/api core/v1 types.go IPFamilyPolicy). */
    public enum IpFamilyPolicy {
        SINGLE_STACK("SingleStack"), PREFER_DUAL_STACK("PreferDualStack"), REQUIRE_DUAL_STACK("RequireDualStack");

        private final String word;

        IpFamilyPolicy(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static IpFamilyPolicy fromWord(String word) {
            return Enums.fromWord(IpFamilyPolicy.class, word, IpFamilyPolicy::word);
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
