package dev.lbstudio.routing;

import dev.lbstudio.model.BgpNeighbor;

/**
 * What an FRR end applies to IPv4 unicast routes on one session: the neighbour's prefix-lists and
 * route-maps in each direction, looked up in the router's policy (compiled once per router), and its weight.
 */
record SessionPolicy(CompiledPolicy policy, String prefixListIn, String routeMapIn, String prefixListOut, String routeMapOut,
                     Integer weight) {

    static SessionPolicy of(CompiledPolicy policy, BgpNeighbor n) {
        return new SessionPolicy(policy, n.prefixListIn(), n.routeMapIn(), n.prefixListOut(), n.routeMapOut(), n.weight());
    }

    /** bgpd/bgp_route.c bgp_inbound_policy_exists: any inbound filter satisfies ebgp-requires-policy (frr-8.4 … frr-10.x). */
    boolean hasInbound() {
        return prefixListIn != null || routeMapIn != null;
    }

    boolean hasOutbound() {
        return prefixListOut != null || routeMapOut != null;
    }
}
