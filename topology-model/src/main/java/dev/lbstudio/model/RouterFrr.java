package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an FRR router holds beyond its default BGP instance: routing policy, the BGP instances of
 * other VRFs and views (kept and shown, never merged into the default one, which alone peers with
 * the cluster), static routes and BGP originations. {@code source} is the configuration the router
 * was imported from; render writes the router from it (through the FRR vendor model) so an import
 * round-trips, and any edit of the router drops it (see {@link Router#withBgp}).
 */
public record RouterFrr(RoutingPolicy policy, List<Instance> otherInstances, List<StaticRoute> staticRoutes,
                        List<IpPrefix> networks, List<IpPrefix> aggregates, List<String> redistribute, String source) {

    public static final RouterFrr NONE = new RouterFrr(null, null, null, null, null, null, null);

    public RouterFrr {
        policy = policy == null ? RoutingPolicy.NONE : policy;
        otherInstances = Lists.copy(otherInstances);
        staticRoutes = Lists.copy(staticRoutes);
        networks = Lists.copy(networks);
        aggregates = Lists.copy(aggregates);
        redistribute = Lists.copy(redistribute);
    }

    /** A {@code router bgp AS vrf NAME} or, with {@code view} true, {@code router bgp AS view NAME} instance. */
    public record Instance(@JsonProperty(required = true) String name, Boolean view, @JsonProperty(required = true) RouterBgp bgp) {
        public Instance {
            Names.require(name, "BGP instance");
            // a design file may leave it out: FRR's own syntax makes an instance a VRF unless it says view
            view = Boolean.TRUE.equals(view);
        }
    }

    /** {@code ip route PREFIX NEXTHOP|IFACE|blackhole [DISTANCE] [vrf NAME]} (staticd/static_vty.c). */
    public record StaticRoute(@JsonProperty(required = true) IpPrefix prefix, String nextHop, Integer distance, String vrf) {
    }

    public RouterFrr withoutSource() {
        return new RouterFrr(policy, otherInstances, staticRoutes, networks, aggregates, redistribute, null);
    }
}
